/**
 * A participant and the NEW-VIEW (PBFT §4.4): as the new leader it builds one from
 * Q VIEW-CHANGEs, installs it and multicasts it with its pre-prepares; as a receiver
 * it checks the NEW-VIEW by recomputing it (new-view.ts) and installs it, or holds
 * it as proof against the leader.
 *
 * Installing view v: the certificates of the old log join the P set and the log
 * empties; the pending requests the VIEW-CHANGEs carry become known here too (so
 * this participant waits on them, and carries them into any later view change);
 * the highest checkpoint they prove becomes stable here, with a state transfer when
 * it is above what this participant executed. The pre-prepares themselves then
 * arrive signed by the leader, each checked against the NEW-VIEW (participant-normal.ts).
 */
import { coordinatorId } from "../../spec/config.js";
import type { NewView, NodeId, Signed } from "../../spec/messages.js";
import { toAllParticipants, toOtherParticipants } from "./broadcast.js";
import { collectCertificates } from "./certificate.js";
import { adoptStable } from "./checkpoint.js";
import { equivocation, prove } from "./evidence.js";
import { buildNewView, carriedCheckpoint, newViewProblem } from "./new-view.js";
import {
  installedView, unchanged, withRequests, type ParticipantResult, type ParticipantState
} from "./participant-state.js";
import { leaderOf } from "./quorum.js";
import { spent } from "./replica.js";
import type { Env, Output } from "./types.js";

export function onNewView(state: ParticipantState, m: Signed<NewView>, env: Env): ParticipantResult {
  const nv = m.body;
  // Only the leader of a view may start it: anyone else's signed NEW-VIEW is an impossible message.
  if (m.signer !== leaderOf(nv.view, env.config.participantCount)) {
    return prove(state, m.signer, "impossible-message", [m], `new-view for view ${nv.view} signed by a non-leader`);
  }
  // A second, different NEW-VIEW of the leader for the view installed here: two signed starts of one view.
  const held = state.newViewSigned;
  const sameView = held !== undefined && held.body.view === nv.view && held.signer === m.signer;
  if (sameView && env.digest(held.body) !== env.digest(nv)) {
    return equivocation(state, held, m, `new-view v${nv.view}`);
  }
  const joins = nv.view > state.view || (nv.view === state.view && state.status === "view-change");
  // A view that started after this participant asked for it and then for a later one: it follows it as a learner.
  const follows = state.status === "view-change" && nv.view < state.view && nv.view > installedView(state);
  if (!joins && !follows) return unchanged(state);
  const problem = newViewProblem(nv, env);
  if (problem !== null) return prove(state, m.signer, "invalid-new-view", [m], `new-view v${nv.view}: ${problem}`);
  return installNewView(state, nv, m, joins, env);
}

/**
 * Installs `nv` as the view whose log this participant holds; `joins` also makes it its current view.
 * `signed` is the leader's signed copy (null at the leader itself), kept as proof.
 */
function installNewView(
  state: ParticipantState, nv: NewView, signed: Signed<NewView> | null, joins: boolean, env: Env,
): ParticipantResult {
  // What the leader of the view left held (participant-lead.ts) goes with its proposals.
  const { newViewSigned: _replaced, held: _held, ...left } = { ...collectCertificates(state, env), slots: [] };
  const requests = nv.viewChanges.flatMap((vc) => vc.body.pending)
    .filter((r) => !spent(left.replica, r.body, left.lastExecuted));
  const installed: ParticipantState = {
    ...left, newView: nv, ...(signed === null ? {} : { newViewSigned: signed }), proposals: [],
    pending: withRequests(left.pending, requests),
  };
  const next: ParticipantState = !joins ? installed : {
    ...installed, view: nv.view, status: "normal", viewChange: null,
    // Those for this view stay: one that arrives a second time is a sender that missed this NEW-VIEW.
    viewChanges: left.viewChanges.filter((vc) => vc.body.view >= nv.view),
  };
  return adoptStable(next, carriedCheckpoint(nv.viewChanges), env);
}

/**
 * As the leader of the installed view: the NEW-VIEW again for `to`, a node whose
 * message shows it missed it (a VIEW-CHANGE for an older view or sent again, or a
 * deposed coordinator's pre-prepare for its old view).
 */
export function newViewAgain(state: ParticipantState, to: NodeId, env: Env): Output[] {
  const nv = state.newView;
  const leads = state.status === "normal" && leaderOf(state.view, env.config.participantCount) === state.id;
  return leads && nv !== null && to !== state.id ? [{ kind: "Send", to, message: nv }] : [];
}

/**
 * The leader of the view being changed to, once it holds Q VIEW-CHANGEs for it: it
 * sends the NEW-VIEW to the participants and the coordinator, installs it, and
 * multicasts the pre-prepares to every participant, itself included (its own signed
 * copies are what its certificates for this view will carry).
 */
export function leadIfReady(state: ParticipantState, env: Env): ParticipantResult {
  const n = env.config.participantCount;
  if (state.status !== "view-change" || leaderOf(state.view, n) !== state.id) return unchanged(state);
  const nv = buildNewView(state.view, state.viewChanges, env);
  if (nv === null) return unchanged(state);
  const installed = installNewView(state, nv, null, true, env);
  return {
    state: installed.state,
    out: [
      ...toOtherParticipants(state.id, n, nv), { kind: "Send", to: coordinatorId(env.config), message: nv },
      ...installed.out,
      ...nv.prePrepares.flatMap((pp) => toAllParticipants(n, pp)),
    ],
  };
}
