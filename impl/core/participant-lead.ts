/**
 * A participant as the leader of its view (PBFT §4.2 at the primary). Its NEW-VIEW
 * fixed the pre-prepares up to the last seq it derived (participant-new-view.ts);
 * after those it proposes what the coordinator relays: a client request the
 * coordinator cannot propose itself, with the coordinator's flag, at the next free
 * seq inside the window. Every participant that gets the relayed request waits on
 * it, so a leader that never proposes it is deposed by their timers, and the next
 * NEW-VIEW re-proposes it with flag abort (presumed abort).
 *
 * Presumed abort, completed: the orphans its NEW-VIEW could not fit in the window (the
 * pending requests its VIEW-CHANGEs carry that no slot of it took) it proposes itself with
 * flag abort as soon as the window has room (`proposeOrphans`), whatever the coordinator
 * does: every submitted txn then ends with one agreed outcome, abort when its commit
 * authority did not survive the view change, even when the coordinator fell silent.
 */
import type { Proposal, PrePrepare, Request, Seq, Signed } from "../../spec/messages.js";
import { batchTxnIds } from "../../spec/batch.js";
import { clientId } from "../../spec/config.js";
import { toAllParticipants } from "./broadcast.js";
import { proposalDigest } from "./digests.js";
import { prove, suspect } from "./evidence.js";
import { unchanged, withRequests, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { leaderOf } from "./quorum.js";
import { orphans } from "./new-view.js";
import { spent } from "./replica.js";
import type { Env } from "./types.js";
import { inWindow } from "./window.js";
import { maxSeq, seqPlus } from "../../spec/ids.js";

export function onRequest(state: ParticipantState, m: Signed<Request>, env: Env): ParticipantResult {
  const request = m.body.request;
  if (m.signer !== env.config.participantCount)
    return unchanged(state, [suspect(m.signer, "unexpected", "request relayed by a non-coordinator")]);
  if (request.signer !== clientId(env.config) || !env.verify(request)) {
    return prove(state, m.signer, "impossible-message", [m],
      `relayed request ${request.body.id} not signed by the client`);
  }
  if (spent(state.replica, request.body, state.lastExecuted)) return unchanged(state);
  const pending = withRequests(state.pending, [request]);
  // A commit carries the coordinator's signed Request as its authority (flag-authority.ts); abort needs none.
  const proposal: Proposal = m.body.flag === "commit"
    ? { request, flag: "commit", authority: m }
    : { request, flag: "abort" };
  return propose(pending === state.pending ? state : { ...state, pending }, proposal, env);
}

/** The seq after every one this leader's NEW-VIEW and proposals took (and after the low watermark). */
function nextSeq(state: ParticipantState): Seq {
  const taken = [...(state.newView?.prePrepares ?? []), ...state.proposals].map((pp) => pp.seq);
  return seqPlus(maxSeq(state.lowWatermark, ...taken), 1);
}

function propose(state: ParticipantState, proposal: Proposal, env: Env): ParticipantResult {
  const n = env.config.participantCount;
  if (state.status !== "normal" || state.newView === null || leaderOf(state.view, n) !== state.id)
    return unchanged(state);
  const id = proposal.request.body.id;
  const sequenced = [...state.newView.prePrepares, ...state.proposals]
    .some((pp) => batchTxnIds(pp).includes(id));
  const seq = nextSeq(state);
  // No room in the window yet: the coordinator relays the request again later.
  if (sequenced || !inWindow(state.lowWatermark, seq, env)) return unchanged(state);
  const pp: PrePrepare = { kind: "PrePrepare", view: state.view, seq, digest: proposalDigest(proposal, env), proposal };
  return { state: { ...state, proposals: [...state.proposals, pp] }, out: toAllParticipants(n, pp) };
}

/** As the leader: proposes, with flag abort, the orphans its NEW-VIEW left out for lack of room (see the header). */
export function proposeOrphans(state: ParticipantState, env: Env): ParticipantResult {
  const nv = state.newView;
  const leads = leaderOf(state.view, env.config.participantCount) === state.id;
  if (state.status !== "normal" || nv === null || !leads) return unchanged(state);
  const taken = new Set<string>();
  for (const pp of [...nv.prePrepares, ...state.proposals]) {
    for (const id of batchTxnIds(pp)) taken.add(id);
  }
  let next = state;
  const out: ParticipantResult["out"] = [];
  for (const request of orphans(nv.viewChanges, taken)) {
    if (spent(next.replica, request.body, next.lastExecuted)) continue;
    const proposed = propose(next, { request, flag: "abort" }, env);
    if (proposed.state === next) break; // no room in the window yet: a later checkpoint brings it
    next = proposed.state;
    out.push(...proposed.out);
  }
  return { state: next, out };
}
