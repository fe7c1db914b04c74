import { always } from "../global-view.js";

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
    const key = `${c.body.txn}\u0000${c.body.outcome}`;
    const set = signers.get(key) ?? new Set<number>();
    set.add(c.signer);
    signers.set(key, set);
    const d = decided(c.body.txn);
    if (set.size >= g.f + 1 && d !== undefined && d !== c.body.outcome) {
      return `${set.size} confirmations say ${c.body.txn} ${c.body.outcome}, participants decided ${d}`;
    }
  }
  return null;
});
