/**
 * A participant as the leader of its view (PBFT §4.2 at the primary). Its NEW-VIEW
 * fixed the pre-prepares up to the last seq it derived (participant-new-view.ts);
 * after those it proposes what the coordinator relays: a client request the
 * coordinator cannot propose itself, with the coordinator's flag, at the next free
 * seq inside the window; with batches (spec/batch.ts) it gathers them, up to `batchSize`
 * per PRE-PREPARE (`proposeHeld`). Every participant that gets the relayed request waits
 * on it, so a leader that never proposes it is deposed by their timers, and the next
 * NEW-VIEW re-proposes it with flag abort (presumed abort).
 *
 * Presumed abort, completed: the orphans its NEW-VIEW could not fit in the window (the
 * pending requests its VIEW-CHANGEs carry that no slot of it took) it proposes itself with
 * flag abort, up to `batchSize` per PRE-PREPARE, as soon as the window has room
 * (`proposeOrphans`), whatever the coordinator does: every submitted txn then ends with
 * one agreed outcome, abort when its commit authority did not survive the view change,
 * even when the coordinator fell silent.
 */
import type { Proposal, PrePrepare, Request, Seq, Signed } from "../../spec/messages.js";
import { batchFields, batchSizeOf, batchTxnIds } from "../../spec/batch.js";
import { clientId } from "../../spec/config.js";
import { toAllParticipants } from "./broadcast.js";
import { batchDigest } from "./digests.js";
import { prove, suspect } from "./evidence.js";
import { unchanged, withRequests, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { leaderOf } from "./quorum.js";
import { orphanBatches, orphans } from "./new-view.js";
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
  const waiting = pending === state.pending ? state : { ...state, pending };
  if (batchSizeOf(env.config) === 1) return propose(waiting, [proposal], env);
  return proposeHeld(hold(waiting, proposal, env), env);
}

/** The seq after every one this leader's NEW-VIEW and proposals took (and after the low watermark). */
function nextSeq(state: ParticipantState): Seq {
  const taken = [...(state.newView?.prePrepares ?? []), ...state.proposals].map((pp) => pp.seq);
  return seqPlus(maxSeq(state.lowWatermark, ...taken), 1);
}

/** Whether this participant leads its view, in normal status, with its NEW-VIEW installed: it may propose. */
function leadsNow(state: ParticipantState, env: Env): boolean {
  const n = env.config.participantCount;
  return state.status === "normal" && state.newView !== null && leaderOf(state.view, n) === state.id;
}

/** The txn ids this leader's NEW-VIEW and proposals already put in a slot. */
function sequencedIds(state: ParticipantState): Set<string> {
  return new Set([...(state.newView?.prePrepares ?? []), ...state.proposals].flatMap((pp) => batchTxnIds(pp)));
}

/** Proposes `batch` (one or more txns, none sequenced yet) in one PRE-PREPARE at the next free seq, if it fits. */
function propose(state: ParticipantState, batch: readonly Proposal[], env: Env): ParticipantResult {
  if (!leadsNow(state, env)) return unchanged(state);
  const sequenced = sequencedIds(state);
  const seq = nextSeq(state);
  // No room in the window yet: the coordinator relays the request again later.
  if (batch.some((p) => sequenced.has(p.request.body.id)) || !inWindow(state.lowWatermark, seq, env)) {
    return unchanged(state);
  }
  const digest = batchDigest(batch, env);
  const pp: PrePrepare = { kind: "PrePrepare", view: state.view, seq, digest, ...batchFields(batch) };
  const n = env.config.participantCount;
  return { state: { ...state, proposals: [...state.proposals, pp] }, out: toAllParticipants(n, pp) };
}

/** `proposal` added to what the leader holds for its next batch, unless it is held or sequenced already. */
function hold(state: ParticipantState, proposal: Proposal, env: Env): ParticipantState {
  const id = proposal.request.body.id;
  const held = state.held ?? [];
  if (!leadsNow(state, env) || held.some((p) => p.request.body.id === id) || sequencedIds(state).has(id)) {
    return state;
  }
  return { ...state, held: [...held, proposal] };
}

/**
 * With batches (spec/batch.ts), the leader proposes what it holds as the coordinator does with a batch
 * delay, but with no clock in the core: a full batch at once, and a partial one as soon as none of its
 * earlier slots of this view is still executing here (so one request alone waits for nobody, and under
 * load the batches fill while the previous one runs; Nagle's rule). What was decided or sequenced
 * meanwhile is dropped; what the window has no room for stays held.
 */
export function proposeHeld(state: ParticipantState, env: Env): ParticipantResult {
  if (state.held === undefined) return unchanged(state);
  const sequenced = sequencedIds(state);
  const live = state.held.filter((p) =>
    !sequenced.has(p.request.body.id) && !spent(state.replica, p.request.body, state.lastExecuted));
  let next = withHeld(state, live);
  if (!leadsNow(next, env)) return { state: withHeld(next, []), out: [] };
  const size = batchSizeOf(env.config);
  const out: ParticipantResult["out"] = [];
  for (;;) {
    const held = next.held ?? [];
    const idle = nextSeq(next) <= seqPlus(next.lastExecuted, 1);
    if (held.length === 0 || (held.length < size && !idle)) break;
    const proposed = propose(next, held.slice(0, size), env);
    if (proposed.state === next) break;
    next = withHeld(proposed.state, held.slice(size));
    out.push(...proposed.out);
  }
  return { state: next, out };
}

/** `state` holding `held`: the field absent when empty, never an empty list. */
function withHeld(state: ParticipantState, held: readonly Proposal[]): ParticipantState {
  if (held.length > 0) return state.held === held ? state : { ...state, held };
  if (state.held === undefined) return state;
  const { held: _dropped, ...rest } = state;
  return rest;
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
  const live = orphans(nv.viewChanges, taken).filter((r) => !spent(state.replica, r.body, state.lastExecuted));
  // Up to the batch size per pre-prepare, as in the NEW-VIEW itself (new-view.ts, `orphanBatches`).
  for (const batch of orphanBatches(live, env)) {
    const proposed = propose(next, batch, env);
    if (proposed.state === next) break; // no room in the window yet: a later checkpoint brings it
    next = proposed.state;
    out.push(...proposed.out);
  }
  return { state: next, out };
}
