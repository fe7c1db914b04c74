import { always } from "../global-view.js";

/**
 * I1: no two honest participants decide different outcomes (or slots) for the same txn, or different txns for one
 * slot.
 */
export const agreement = always("I1", "agreement", (g) => {
  const byTxn = new Map<string, { outcome: string; seq: number; by: number }>();
  // A slot is a seq and, in a batch, a place in it (spec/batch.ts).
  const bySeq = new Map<string, { txn: string; by: number }>();
  for (const p of g.participants) {
    for (const o of p.outcomes) {
      const seen = byTxn.get(o.txn);
      if (seen === undefined) byTxn.set(o.txn, { outcome: o.outcome, seq: o.seq, by: p.id });
      else if (seen.outcome !== o.outcome || seen.seq !== o.seq) {
        return `txn ${o.txn}: P${seen.by} decided ${seen.outcome} at seq ${seen.seq}, ` +
          `P${p.id} decided ${o.outcome} at seq ${o.seq}`;
      }
      const place = `${o.seq} ${o.index ?? 0}`;
      const slot = bySeq.get(place);
      if (slot === undefined) bySeq.set(place, { txn: o.txn, by: p.id });
      else if (slot.txn !== o.txn) return `seq ${o.seq}: P${slot.by} executed ${slot.txn}, P${p.id} executed ${o.txn}`;
    }
  }
  return null;
});
