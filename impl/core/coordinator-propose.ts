/**
 * The coordinator and its submissions. As leader (PBFT §4.2) it assigns each queued
 * submission the next seq inside the window (h, h + W] and multicasts PRE-PREPARE with
 * the client-signed body; it keeps resending what every participant has not confirmed
 * yet. In a view a participant leads, it relays every queued submission to the
 * participants instead (a Request), again on each resend, until the client has its reply.
 */
import type { PrePrepare, Proposal } from "../../spec/messages.js";
import { batchFields, batchSizeOf } from "../../spec/batch.js";
import { toAllParticipants } from "./broadcast.js";
import type { CoordinatorState, Submission } from "./coordinator-state.js";
import { batchDigest } from "./digests.js";
import { leaderOf } from "./quorum.js";
import type { Env, Output } from "./types.js";
import { asSeq, nextSeq } from "../../spec/ids.js";
import { withoutExpiredQueue } from "./coordinator-expiry.js";

export interface CoordinatorResult { readonly state: CoordinatorState; readonly out: Output[] }

export const isLeader = (state: CoordinatorState, env: Env): boolean =>
  leaderOf(state.view, env.config.participantCount) === state.id;

/** Relays queued submissions to the participants while a participant leads (none while this coordinator does). */
export function relayQueued(state: CoordinatorState, queued: readonly Submission[], env: Env): Output[] {
  if (isLeader(state, env)) return [];
  return queued.flatMap((s) =>
    toAllParticipants(env.config.participantCount, { kind: "Request", request: s.request, flag: s.flag }));
}

/** Whether the resend timer has work: unconfirmed proposals as leader, queued submissions to relay otherwise. */
export function resendNeeded(state: CoordinatorState, env: Env): boolean {
  return isLeader(state, env) ? unconfirmed(state, env.config.participantCount).length > 0 : state.queue.length > 0;
}

/**
 * Proposes queued submissions while the window has room, up to `batchSize` of them per seq, in queue order
 * (spec/batch.ts). With `batchSize` 1 every submission gets its own seq, as before batching. A partial batch
 * goes out at once unless `fullOnly` (a Submit that says more follow): when to wait for a fuller one is the
 * driver's call (impl/net's batch delay), not the core's.
 */
export function proposeQueued(state: CoordinatorState, env: Env, fullOnly = false): CoordinatorResult {
  if (!isLeader(state, env)) return { state, out: [] };
  let next = state;
  const out: Output[] = [];
  const size = batchSizeOf(env.config);
  for (;;) {
    // A submission that would get a seq past its expiry would be a no-op everywhere: dropped, never proposed.
    next = withoutExpiredQueue(next, asSeq(next.nextSeq - 1));
    const room = next.nextSeq <= next.lowWatermark + env.config.windowSize;
    if (next.queue.length === 0 || !room || (fullOnly && next.queue.length < size)) break;
    const taken = next.queue.slice(0, size);
    const proposals: Proposal[] = taken.map((s) => ({ request: s.request, flag: s.flag }));
    const pp: PrePrepare = {
      kind: "PrePrepare", view: next.view, seq: next.nextSeq, digest: batchDigest(proposals, env),
      ...batchFields(proposals),
    };
    const rest: readonly Submission[] = next.queue.slice(taken.length);
    next = { ...next, queue: rest, nextSeq: nextSeq(next.nextSeq), proposals: [...next.proposals, pp] };
    out.push(...toAllParticipants(env.config.participantCount, pp));
  }
  return { state: next, out };
}

/**
 * Proposals not yet confirmed by every participant, and the null ones below such a
 * proposal (a participant cannot execute past a hole). The coordinator keeps
 * resending these (not only the unreplied ones): a participant that lost the
 * pre-prepare has no other way to learn the body until a checkpoint lets it fetch state.
 */
export function unconfirmed(state: CoordinatorState, n: number): PrePrepare[] {
  // One pass over the confirmations, one over the proposals: this runs on every coordinator step (resendNeeded),
  // and a filter of all confirmations per proposal made each step O(proposals × confirmations).
  const confirmedBy = new Map<number, number>();
  for (const c of state.confirmations)
    if (c.body.seq > state.lowWatermark) confirmedBy.set(c.body.seq, (confirmedBy.get(c.body.seq) ?? 0) + 1);
  const live = state.proposals.filter((p) => p.seq > state.lowWatermark);
  // A participant confirms a seq's whole batch in one message (spec/batch.ts).
  const open = new Set(live.filter((p) => p.proposal !== null && (confirmedBy.get(p.seq) ?? 0) < n));
  let last = 0;
  for (const p of open) last = Math.max(last, p.seq);
  return live.filter((p) => p.seq <= last && (p.proposal === null || open.has(p)));
}
