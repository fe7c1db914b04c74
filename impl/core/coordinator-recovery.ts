/**
 * The coordinator in checkpoints and view changes. It is no participant: it never
 * asks for a view change and never joins one, but
 * - it moves its window on a stable checkpoint (PBFT §4.3), so it can keep proposing;
 * - it follows a NEW-VIEW of another leader (checked like any receiver does): in a
 *   view it does not lead it stops proposing and relays its queue instead, its own
 *   proposals of the view that ended, unless replied to or carried, back in it flagged
 *   abort (presumed abort, the same as when it leads the new view);
 * - as the leader of views n+1, 2(n+1)... it starts one on Q VIEW-CHANGEs (PBFT
 *   §4.4): NEW-VIEW, the pre-prepares derived from it, then its queue. Its own
 *   proposals of an earlier view that the client has no reply for and the NEW-VIEW
 *   does not carry go back in the queue with flag abort (presumed abort, DESIGN.md §3).
 */
import type { Checkpoint, NewView, Outcome, Proposal, Signed, ViewChange } from "../../spec/messages.js";
import { batchOf, batchTxnIds } from "../../spec/batch.js";
import { toAllParticipants } from "./broadcast.js";
import { assert } from "./assert.js";
import { onCheckpointMessage, provenDigest, type StableCheckpoint } from "./checkpoint-log.js";
import { proposeQueued, relayQueued, type CoordinatorResult } from "./coordinator-propose.js";
import { prunedConfirmations } from "./coordinator-confirmations.js";
import { expiredBy, withoutExpired, withoutExpiredQueue } from "./coordinator-expiry.js";
import type { CoordinatorState, Submission } from "./coordinator-state.js";
import { equivocation, prove, suspect } from "./evidence.js";
import { buildNewView, carriedCheckpoint, newViewProblem } from "./new-view.js";
import { withLatest } from "./participant-state.js";
import { isParticipant, leaderOf } from "./quorum.js";
import type { Env } from "./types.js";
import { viewChangeProblem } from "./view-change-check.js";
import { maxSeq, nextSeq } from "../../spec/ids.js";

const unchanged = (state: CoordinatorState): CoordinatorResult => ({ state, out: [] });

/**
 * Moves the window to `h`. Checkpoints at or below it are settled, and confirmations
 * that no longer matter go (coordinator-confirmations.ts); a proposal at or below it
 * only once each of its txns has a reply or expired by `h` (coordinator-expiry.ts), so
 * with `expires` the proposals kept stay bounded even when replies never come. A stable
 * checkpoint says its seqs were decided, not that they were decided as this coordinator
 * proposed: a later view may have put another txn (or a null) there, and when the
 * checkpoint reaches this coordinator before that view's NEW-VIEW, dropping the proposal
 * of an unexpired txn here would leave nothing for the NEW-VIEW to put back in the queue,
 * and the txn would never be decided (found by coverage search:
 * traces/fixed/liveness-proposal-dropped-by-checkpoint-*.json).
 */
function withLowWatermark(state: CoordinatorState, stable: StableCheckpoint, env: Env): CoordinatorState {
  const h = stable.seq;
  if (h <= state.lowWatermark) return state;
  // As at a participant (window.ts): the coordinator's window moves only on a proof anyone can re-check.
  assert(provenDigest(h, stable.proof, env) !== null, `the coordinator moves its window to ${h} without a valid proof`);
  const replied = new Set(state.replies.map((r) => r.txn));
  // Expired by h, a txn can execute in no slot to come (coordinator-expiry.ts): nothing is left to put back.
  const done = (x: Proposal): boolean => replied.has(x.request.body.id) || expiredBy(x.request.body, h);
  const pruned = new Set(state.proposals.filter((p) => p.seq <= h && batchOf(p).every(done)));
  const kept = state.proposals.filter((p) => !pruned.has(p));
  // The txns of a pruned proposal that expired unreplied are awaited no more: no reply can follow (their
  // confirmations go with `awaiting`), and the runtime answers "expired" for them (impl/net/node.ts, `dead`).
  const lapsed = new Set([...pruned].flatMap((p) => batchTxnIds(p)).filter((id) => !replied.has(id)));
  const moved = {
    ...state, lowWatermark: h, nextSeq: maxSeq(state.nextSeq, nextSeq(h)),
    proposals: kept.length === state.proposals.length ? state.proposals : kept,
    awaiting: lapsed.size === 0 ? state.awaiting : state.awaiting.filter((id) => !lapsed.has(id)),
    checkpoints: state.checkpoints.filter((c) => c.body.seq > h),
  };
  // After the proposals: a proposal's txn whose reply is pruned here would look unsettled.
  const settled = withoutExpired(moved, h);
  return { ...settled, confirmations: prunedConfirmations(settled, env) };
}

export function onCheckpointAtCoordinator(state: CoordinatorState, m: Signed<Checkpoint>, env: Env): CoordinatorResult {
  return onCheckpointMessage(state, m, env, (next, stable) =>
    proposeQueued(withLowWatermark(next, stable, env), env));
}

export function onNewViewAtCoordinator(state: CoordinatorState, m: Signed<NewView>, env: Env): CoordinatorResult {
  const nv = m.body;
  // Only the leader of a view may start it: anyone else's signed NEW-VIEW is an impossible message.
  if (m.signer !== leaderOf(nv.view, env.config.participantCount)) {
    return prove(state, m.signer, "impossible-message", [m], `new-view for view ${nv.view} signed by a non-leader`);
  }
  if (nv.view <= state.view) return unchanged(state);
  const problem = newViewProblem(nv, env);
  if (problem !== null) return prove(state, m.signer, "invalid-new-view", [m], `new-view v${nv.view}: ${problem}`);
  const stable = carriedCheckpoint(nv.viewChanges);
  // Its own proposals died with its view: those the client has no reply for and the NEW-VIEW does not carry go
  // back to the queue, to be relayed.
  const carried = carriedBy(nv);
  // Presumed abort, as when it leads the new view (`lead`): a proposal of its own that did not survive
  // goes back flagged abort, so its outcome does not hang on whether this coordinator follows or leads.
  const queue = withUnsettled(state.queue, state, () => "abort").filter((s) => !carried.has(s.request.body.id));
  // What expired by its window goes, not relayed (coordinator-expiry.ts): a txn of a proposal kept for another
  // one's sake, whose own reply was pruned, or that expired unreplied. A higher checkpoint below does the same.
  const followed = withoutExpiredQueue({
    ...state, view: nv.view, queue, proposals: [], viewChanges: state.viewChanges.filter((vc) => vc.body.view > nv.view)
  }, state.lowWatermark);
  const next = withLowWatermark(followed, stable, env);
  return { state: next, out: relayQueued(next, next.queue, env) };
}

const carriedBy = (nv: NewView): Set<string> =>
  new Set(nv.prePrepares.flatMap((p) => batchTxnIds(p)));

/**
 * `queue` with this coordinator's proposals the client has no reply for put back in front, once per txn. Only a
 * reply (f+1 matching confirmations) settles a txn: one confirmation may come from a faulty participant, and a
 * txn decided meanwhile costs one more slot that executes as a no-op.
 */
function withUnsettled(
  queue: readonly Submission[], state: CoordinatorState, flag: (p: Proposal) => Outcome,
): Submission[] {
  const settled = new Set(state.replies.map((r) => r.txn));
  const unsettled = state.proposals.flatMap((pp) =>
    batchOf(pp).map((proposal) => ({ request: proposal.request, flag: flag(proposal) })));
  return [...unsettled, ...queue].filter((s, i, all) =>
    !settled.has(s.request.body.id) && all.findIndex((x) => x.request.body.id === s.request.body.id) === i);
}

export function onViewChangeAtCoordinator(state: CoordinatorState, m: Signed<ViewChange>, env: Env): CoordinatorResult {
  if (!isParticipant(m.signer, env.config.participantCount))
    return { state, out: [suspect(m.signer, "unexpected", "view-change from a non-participant")] };
  const problem = viewChangeProblem(m, env);
  if (problem !== null) return prove(state, m.signer, "impossible-message", [m], problem);
  const view = m.body.view;
  if (leaderOf(view, env.config.participantCount) !== state.id) return unchanged(state);
  if (view < state.view) return unchanged(state);
  const held = state.viewChanges.find((x) => x.signer === m.signer);
  // Two different VIEW-CHANGEs of one signer for one view: an honest one resends its own verbatim (durable.ts).
  if (held !== undefined && held.body.view === view && env.digest(held.body) !== env.digest(m.body)) {
    return equivocation(state, held, m, `view-change v${view}`);
  }
  const started = state.newView;
  if (view === state.view && started !== null && started.view === view) {
    // A VIEW-CHANGE sent again for the view this coordinator started: its sender missed the NEW-VIEW.
    if (held?.body.view === view) return { state, out: [{ kind: "Send", to: m.signer, message: started }] };
    return unchanged({ ...state, viewChanges: withLatest(state.viewChanges, m) });
  }
  if (held !== undefined && held.body.view >= view) return unchanged(state);
  const next = { ...state, viewChanges: withLatest(state.viewChanges, m) };
  const nv = buildNewView(view, next.viewChanges, env);
  return nv === null ? unchanged(next) : lead(next, nv, env);
}

function lead(state: CoordinatorState, nv: NewView, env: Env): CoordinatorResult {
  const n = env.config.participantCount;
  const carried = carriedBy(nv);
  const queue = withUnsettled(state.queue, state, () => "abort").filter((s) => !carried.has(s.request.body.id));
  const moved = withLowWatermark(state, carriedCheckpoint(nv.viewChanges), env);
  const last = nv.prePrepares.at(-1)?.seq ?? moved.lowWatermark;
  const next: CoordinatorState = {
    ...moved, view: nv.view, newView: nv, proposals: nv.prePrepares, queue,
    nextSeq: nextSeq(maxSeq(last, moved.lowWatermark)),
    viewChanges: moved.viewChanges.filter((vc) => vc.body.view >= nv.view),
  };
  const proposed = proposeQueued(next, env);
  return {
    state: proposed.state,
    out: [...toAllParticipants(n, nv), ...nv.prePrepares.flatMap((pp) => toAllParticipants(n, pp)), ...proposed.out],
  };
}
