/**
 * The coordinator's side of the at-most-once contract (replica.ts): a txn whose signed
 * body says `expires` executes only in a slot at or below that seq. So its reply, the
 * coordinator's memory that the txn was decided, can go once its stable checkpoint is at
 * or past `expires`: a resubmission then could only take a seq above it, where every
 * honest replica makes it a no-op, and `onSubmit` refuses it instead (`expiredBy`). For
 * the same reason a queued submission is dropped, never proposed, once the seq it would
 * get is past its expiry; the runtime sees it gone from `awaiting` without a reply and
 * tells the client it expired. A txn without `expires` keeps its reply forever.
 */
import type { Seq, Txn } from "../../spec/messages.js";
import { batchOf } from "../../spec/batch.js";
import type { CoordinatorState, Submission } from "./coordinator-state.js";

/** Whether no slot above `seq` can execute `txn`: it expires at or below `seq`. */
export const expiredBy = (txn: Txn, seq: Seq): boolean => txn.expires !== undefined && txn.expires <= seq;

/** The expiry of `txn` as the submission this coordinator holds for it says, if it holds one and it has one. */
export function expiryOf(state: CoordinatorState, txn: string): number | undefined {
  for (const p of state.proposals) {
    for (const x of batchOf(p)) if (x.request.body.id === txn) return x.request.body.expires;
  }
  return state.queue.find((s) => s.request.body.id === txn)?.request.body.expires;
}

/** `state` less its queued submissions that expire at or below `seq`, and less their ids in `awaiting`. */
export function withoutExpiredQueue(state: CoordinatorState, seq: Seq): CoordinatorState {
  const dead = (s: Submission): boolean => expiredBy(s.request.body, seq);
  if (!state.queue.some(dead)) return state;
  const gone = new Set(state.queue.filter(dead).map((s) => s.request.body.id));
  return {
    ...state, queue: state.queue.filter((s) => !dead(s)), awaiting: state.awaiting.filter((id) => !gone.has(id)),
  };
}

/** `state` with the window at `h`: the replies and queued submissions of txns that expire at or below it gone. */
export function withoutExpired(state: CoordinatorState, h: Seq): CoordinatorState {
  const replies = state.replies.filter((r) => r.expires === undefined || r.expires > h);
  const pruned = replies.length === state.replies.length ? state : { ...state, replies };
  return withoutExpiredQueue(pruned, h);
}
