/**
 * View changes at a participant (PBFT §4.4, §4.5.2).
 *
 * 1. A participant asks to move from view v to v+1 when its view-change timer fires
 *    or when it holds proof that the leader of v is faulty. It sends VIEW-CHANGE(v+1)
 *    with its stable checkpoint and proof, its P set and the pending client requests
 *    it knows, to every other participant and to the new leader (itself included, so
 *    a leader holds its own signed copy to carry in the NEW-VIEW). From then on it
 *    casts no vote in view v; it only learns what commits there (participant-normal.ts).
 * 2. It joins a view change once f+1 other participants asked for higher views: one
 *    of them is honest, so f faulty ones can never force a change on their own. It
 *    asks for the highest view that f+1 of them vouch for.
 * 3. The client requests a VIEW-CHANGE carries become pending here too: this
 *    participant then waits on them like its sender does (PBFT §4.5.2, where backups
 *    start their timers on requests relayed to them), so a leader that shows one
 *    participant a proposal and hides it from the rest still gets deposed.
 * 4. A VIEW-CHANGE for a view already installed tells the leader its sender missed
 *    the NEW-VIEW: the leader sends it again, with its stable state when the sender's
 *    checkpoint is older (the logs it would need are gone, state-transfer.ts).
 */
import type { Signed, Txn, View, ViewChange } from "../../spec/messages.js";
import { toOtherParticipants } from "./broadcast.js";
import { assertFullCertificate, collectCertificates } from "./certificate.js";
import { equivocation, prove, suspect } from "./evidence.js";
import { leadIfReady, newViewAgain } from "./participant-new-view.js";
import {
  unchanged, withLatest, withRequests, type ParticipantResult, type ParticipantState
} from "./participant-state.js";
import { viewChangeWaiting, waitsOnLeader } from "./participant-timers.js";
import { isParticipant, leaderOf } from "./quorum.js";
import { outcomeOf, spent } from "./replica.js";
import { serveState, stateReply } from "./state-transfer.js";
import type { Env, Output } from "./types.js";
import { viewChangeProblem } from "./view-change-check.js";
import { nextView } from "../../spec/ids.js";

export function startViewChange(state: ParticipantState, view: View, env: Env): ParticipantResult {
  const left = collectCertificates(state, env);
  for (const cert of left.prepared) assertFullCertificate(cert, env, `P${state.id}'s VIEW-CHANGE`);
  // The P set carries what may have committed into the next view (PBFT §4.4).
  const vc: ViewChange = {
    kind: "ViewChange", view, stableSeq: left.lowWatermark, checkpointProof: left.stableProof,
    prepared: left.prepared, pending: left.pending,
  };
  const next: ParticipantState = {
    ...left, view, status: "view-change", viewChange: vc,
    viewChanges: left.viewChanges.filter((x) => x.body.view >= view),
  };
  const led = leadIfReady(next, env);
  return { state: led.state, out: [...viewChangeSends(next, env), ...led.out] };
}

/** The own VIEW-CHANGE, to every other participant and to the new leader when that is itself or the coordinator. */
export function viewChangeSends(state: ParticipantState, env: Env): Output[] {
  const vc = state.viewChange;
  if (vc === null || state.status !== "view-change") return [];
  const n = env.config.participantCount;
  const leader = leaderOf(vc.view, n);
  const out = toOtherParticipants(state.id, n, vc);
  if (leader === state.id || leader === n) out.push({ kind: "Send", to: leader, message: vc });
  return out;
}

export function onViewChangeTimer(state: ParticipantState, env: Env): ParticipantResult {
  if (!viewChangeWaiting(state, env)) return unchanged(state);
  // For a laggard:
  if (state.status === "normal" && !waitsOnLeader(state)) return startViewChange(state, nextView(state.view), env);
  const leader = leaderOf(state.view, env.config.participantCount);
  const detail = `view ${state.view} made no progress before the view-change timer fired`;
  // Silence is never proof (DESIGN.md §4): the leader is only suspected.
  const blamed = unchanged(state, [suspect(leader, "timeout", detail)]);
  const changed = startViewChange(blamed.state, nextView(state.view), env);
  return { state: changed.state, out: [...blamed.out, ...changed.out] };
}

export function onViewChange(state: ParticipantState, m: Signed<ViewChange>, env: Env): ParticipantResult {
  if (!isParticipant(m.signer, env.config.participantCount))
    return unchanged(state, [suspect(m.signer, "unexpected", "view-change from a non-participant")]);
  const problem = viewChangeProblem(m, env);
  if (problem !== null) return prove(state, m.signer, "impossible-message", [m], problem);
  const known = withPending(state, m.body.pending);
  const view = m.body.view;
  const held = known.viewChanges.find((x) => x.signer === m.signer);
  // Two different VIEW-CHANGEs of one signer for one view: an honest one resends its own verbatim (durable.ts).
  if (held !== undefined && held.body.view === view && env.digest(held.body) !== env.digest(m.body)) {
    return equivocation(known, held, m, `view-change v${view}`);
  }
  // A VIEW-CHANGE for an older view, or one sent again for the view already installed, means its sender missed
  // the NEW-VIEW.
  const missed = view < known.view || (view === known.view && known.status === "normal" && held?.body.view === view);
  if (missed) return answerLaggard(known, m, env);
  if (held !== undefined && held.body.view >= view) return unchanged(known);
  const next = { ...known, viewChanges: withLatest(known.viewChanges, m) };
  // A late copy: kept, in case it comes again.
  if (view === next.view && next.status === "normal") return unchanged(next);
  const target = joinTarget(next, env);
  const result = target === null ? leadIfReady(next, env) : startViewChange(next, target, env);
  const help = helpLaggard(known, m, env);
  return help.length === 0 ? result : { state: result.state, out: [...help, ...result.out] };
}

/**
 * As the leader of the installed view: a participant that asks to leave it while it still waits on a txn
 * executed here missed this view's NEW-VIEW or pre-prepares (one that comes before the NEW-VIEW is dropped).
 * They go to it again: with the COMMITs it logged it then learns the slots (participant-normal.ts). Resends
 * to it only, never a view change, so a participant that fakes lag gains nothing but a few messages
 * (participant-timers.ts bounds the view changes).
 */
function helpLaggard(state: ParticipantState, m: Signed<ViewChange>, env: Env): Output[] {
  const n = env.config.participantCount;
  const nv = state.newView;
  const leads = state.status === "normal" && leaderOf(state.view, n) === state.id;
  if (nv === null || !leads || m.body.view <= state.view) return [];
  if (!m.body.pending.some((r) => outcomeOf(state.replica, r.body.id) !== undefined)) return [];
  const live = [...nv.prePrepares, ...state.proposals].filter((pp) => pp.seq > state.lowWatermark);
  return [nv, ...live].map((message) => ({ kind: "Send", to: m.signer, message }));
}

function withPending(state: ParticipantState, requests: readonly Signed<Txn>[]): ParticipantState {
  const fresh = requests.filter((r) => !spent(state.replica, r.body, state.lastExecuted));
  const pending = withRequests(state.pending, fresh);
  return pending === state.pending ? state : { ...state, pending };
}

/**
 * As the leader of the installed view: the NEW-VIEW again, and the stable state if the sender's checkpoint is older
 * (at most once per checkpoint: an old VIEW-CHANGE can be replayed by anyone, state-transfer.ts `serveState`).
 */
function answerLaggard(state: ParticipantState, m: Signed<ViewChange>, env: Env): ParticipantResult {
  const again = newViewAgain(state, m.signer, env);
  const behind = again.length > 0 && m.body.stableSeq < state.lowWatermark ? stateReply(state) : null;
  const served = behind === null ? unchanged(state) : serveState(state, m.signer, behind);
  return { state: served.state, out: [...again, ...served.out] };
}

/** PBFT §4.5.2: the highest view that f+1 other participants asked for, above this one. */
function joinTarget(state: ParticipantState, env: Env): View | null {
  // f+1 complaints include an honest one: a single faulty node cannot force view changes.
  const needed = env.config.faultyMax + 1;
  const views = state.viewChanges.filter((x) => x.signer !== state.id && x.body.view > state.view)
    .map((x) => x.body.view).sort((a, b) => b - a);
  return views[needed - 1] ?? null;
}
