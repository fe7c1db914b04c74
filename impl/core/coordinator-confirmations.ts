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
 * So one is kept iff it is for an awaited txn or a seq in the window, and of an
 * awaited txn only each signer's first, since an honest participant confirms a txn
 * once (a later slot with its id is a no-op). Per signer that is at most W + the
 * awaited txns, which only the client's submissions grow. What stops mattering goes
 * when the window moves or a txn gets its reply: the same rule, applied again.
 */
import type { Confirm, Signed } from "../../spec/messages.js";
import { batchSizeOf } from "../../spec/batch.js";
import type { CoordinatorState } from "./coordinator-state.js";
import type { Env } from "./types.js";

const inWindow = (state: CoordinatorState, c: Confirm, env: Env): boolean =>
  c.seq > state.lowWatermark && c.seq <= state.lowWatermark + env.config.windowSize;

/**
 * Whether `m` is worth keeping (see the top of this file). Its (signer, seq) — with batches, its (signer, seq,
 * txn) — is known to hold nothing yet. In the window a signer's confirmations of one seq are at most a batch's
 * worth (`batchSize`), so a faulty one cannot grow them with made-up txn ids either.
 */
export function keepsConfirmation(state: CoordinatorState, m: Signed<Confirm>, env: Env): boolean {
  const c = m.body;
  const windowed = inWindow(state, c, env) && (batchSizeOf(env.config) === 1 ||
    state.confirmations.filter((x) => x.signer === m.signer && x.body.seq === c.seq).length < batchSizeOf(env.config));
  if (!state.awaiting.includes(c.txn)) return windowed;
  return windowed || !state.confirmations.some((x) => x.signer === m.signer && x.body.txn === c.txn);
}

/** The confirmations still worth keeping once the low watermark or the awaited txns changed. */
export function prunedConfirmations(state: CoordinatorState, env: Env): readonly Signed<Confirm>[] {
  const outside = new Set<string>();
  // Sorted by (seq, signer): outside the window, each signer's first (lowest seq) for an awaited txn stays.
  const kept = state.confirmations.filter((c) => {
    if (inWindow(state, c.body, env)) return true;
    const key = `${c.signer} ${c.body.txn}`;
    if (!state.awaiting.includes(c.body.txn) || outside.has(key)) return false;
    outside.add(key);
    return true;
  });
  return kept.length === state.confirmations.length ? state.confirmations : kept;
}

/** `awaiting` with `txn` added, sorted, so equal sets are equal values. */
export function withAwaited(awaiting: readonly string[], txn: string): readonly string[] {
  if (awaiting.includes(txn)) return awaiting;
  return [...awaiting, txn].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
