import { always } from "../global-view.js";
import { confirmedTxns } from "../batch.js";

/**
 * I7: what an honest coordinator reports equals the honest participants' decision,
 * and f+1 matching signed confirmations from distinct signers never name a wrong
 * outcome, even when the coordinator lies (a client can check them itself).
 */
export const clientTruth = always("I7", "client truth", (g) => {
  const decided = (txn: string): string | undefined => {
    for (const p of g.participants) {
      const o = p.outcomes.find((x) => x.txn === txn);
      if (o !== undefined) return o.outcome;
    }
    return undefined;
  };
  if (g.coordinatorHonest) {
    for (const r of g.replies) {
      const d = decided(r.txn);
      if (d !== undefined && d !== r.outcome)
        return `coordinator replied ${r.outcome} for ${r.txn}, participants decided ${d}`;
    }
  }
  const signers = new Map<string, Set<number>>();
  for (const c of g.confirmations) {
    // A batch's one confirmation speaks for each of its txns (spec/batch.ts).
    for (const { txn, outcome } of confirmedTxns(c.body)) {
      const key = `${txn}\u0000${outcome}`;
      const set = signers.get(key) ?? new Set<number>();
      set.add(c.signer);
      signers.set(key, set);
      const d = decided(txn);
      if (set.size >= g.f + 1 && d !== undefined && d !== outcome) {
        return `${set.size} confirmations say ${txn} ${outcome}, participants decided ${d}`;
      }
    }
  }
  return null;
});
