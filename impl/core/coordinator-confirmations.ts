/**
 * Which confirmations the coordinator keeps. It persists them, so each one kept is
 * durable state a sender chose: a faulty participant signing confirmations for
 * ever new seqs or txn ids must not grow it at will. A confirmation matters only
 * while it can still change what the coordinator does:
 * 1. a reply to the client: f+1 matching confirmations of a txn it awaits (submitted,
 *    no reply yet), at whatever seq that txn was decided, even one above its window
 *    (a participant may have moved its window on checkpoints not yet stable here);
 * 2. its resends: how many participants confirmed each seq of its window (h, h + W]
 *    (coordinator-propose.ts, `unconfirmed`).
 * So one is kept iff it is for a seq in the window or speaks for an awaited txn, and
 * outside the window only each signer's first for that txn, since an honest participant
 * confirms a txn once (a later slot with its id is a no-op). Per signer that is at most W + the
 * awaited txns, which only the client's submissions grow. What stops mattering goes
 * when the window moves or a txn gets its reply: the same rule, applied again.
 */
import type { Confirm, Signed } from "../../spec/messages.js";
import { confirmedTxns, confirms } from "../../spec/batch.js";
import type { CoordinatorState } from "./coordinator-state.js";
import type { Env } from "./types.js";

const inWindow = (state: CoordinatorState, c: Confirm, env: Env): boolean =>
  c.seq > state.lowWatermark && c.seq <= state.lowWatermark + env.config.windowSize;

/**
 * Whether `m` is worth keeping (see the top of this file). Its (signer, seq) is known to hold nothing yet; a
 * signer confirms a seq's whole batch in one message (spec/batch.ts), so in the window that is one per seq.
 */
export function keepsConfirmation(state: CoordinatorState, m: Signed<Confirm>, env: Env): boolean {
  if (inWindow(state, m.body, env)) return true;
  // Outside the window: only for an awaited txn this signer has not confirmed in what is kept.
  return confirmedTxns(m.body).some(({ txn }) => state.awaiting.includes(txn) &&
    !state.confirmations.some((x) => x.signer === m.signer && confirms(x.body, txn)));
}

/** The confirmations still worth keeping once the low watermark or the awaited txns changed. */
export function prunedConfirmations(state: CoordinatorState, env: Env): readonly Signed<Confirm>[] {
  const outside = new Set<string>();
  // Sorted by (seq, signer): outside the window, each signer's first (lowest seq) for an awaited txn stays.
  const kept = state.confirmations.filter((c) => {
    if (inWindow(state, c.body, env)) return true;
    const fresh = confirmedTxns(c.body)
      .filter(({ txn }) => state.awaiting.includes(txn) && !outside.has(`${c.signer} ${txn}`));
    for (const { txn } of fresh) outside.add(`${c.signer} ${txn}`);
    return fresh.length > 0;
  });
  return kept.length === state.confirmations.length ? state.confirmations : kept;
}

/** `awaiting` with `txn` added, sorted, so equal sets are equal values. */
export function withAwaited(awaiting: readonly string[], txn: string): readonly string[] {
  if (awaiting.includes(txn)) return awaiting;
  return [...awaiting, txn].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
