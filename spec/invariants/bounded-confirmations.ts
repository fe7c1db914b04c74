import { always } from "../global-view.js";
import { confirmedTxns } from "../batch.js";

/**
 * Bounded confirmations (the coordinator's side of I3w): an honest coordinator holds a
 * confirmation only while it can still matter — for a seq of its window (h, h + W],
 * which its resends count, or for a txn the client submitted and has no reply for, and
 * then one per signer. It persists what it holds, so without this a faulty
 * participant signing confirmations for ever new seqs or txn ids grows its durable
 * state at will. Per signer that is at most W + the txns awaiting a reply.
 */
export const boundedConfirmations = always("I3c", "bounded confirmations", (g) => {
  if (!g.coordinatorHonest) return null;
  const h = g.coordinatorLowWatermark;
  const awaited = new Set(g.submitted.map((s) => s.txn.id));
  for (const r of g.replies) awaited.delete(r.txn);
  const outside = new Set<string>();
  for (const c of g.confirmations) {
    if (c.body.seq > h && c.body.seq <= h + g.windowSize) continue;
    const txns = confirmedTxns(c.body).map((x) => x.txn);
    const where =
      `P${c.signer}'s confirmation s=${c.body.seq} ${txns.join(",")} outside the window (${h}, ${h + g.windowSize}]`;
    const awaitedHere = txns.filter((txn) => awaited.has(txn));
    if (awaitedHere.length === 0) return `the coordinator holds ${where}, for a txn it awaits no reply for`;
    // A batch's confirmation stays for as long as one of its awaited txns has no earlier one of that signer.
    const fresh = awaitedHere.filter((txn) => !outside.has(`${c.signer} ${txn}`));
    if (fresh.length === 0) return `the coordinator holds ${where}, a second one of that signer for that txn`;
    for (const txn of fresh) outside.add(`${c.signer} ${txn}`);
  }
  return null;
});
