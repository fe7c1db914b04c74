import { always } from "../global-view.js";

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
    const where =
      `P${c.signer}'s confirmation s=${c.body.seq} ${c.body.txn} outside the window (${h}, ${h + g.windowSize}]`;
    if (!awaited.has(c.body.txn)) return `the coordinator holds ${where}, for a txn it awaits no reply for`;
    const key = `${c.signer} ${c.body.txn}`;
    if (outside.has(key)) return `the coordinator holds ${where}, a second one of that signer for that txn`;
    outside.add(key);
  }
  return null;
});
