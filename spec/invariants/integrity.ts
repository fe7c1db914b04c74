import { alwaysEach } from "../global-view.js";

/**
 * I3 (state part): an honest participant executes a txn at most once, each seq at most
 * once, and never beyond its last executed seq. The in-order part is a transition check
 * (`executionOrderProblem`, below).
 */
export const integrity = alwaysEach("I3", "integrity", (p) => {
  // A batch's txns share a seq at distinct places (spec/batch.ts); without batches every place is the first.
  const seqs = new Set<string>();
  for (let i = 0; i < p.outcomes.length; i++) {
    const o = p.outcomes[i];
    if (o === undefined) continue;
    if (i > 0 && p.outcomes[i - 1]?.txn === o.txn) return `P${p.id} executed ${o.txn} twice`;
    const place = `${o.seq} ${o.index ?? 0}`;
    if (seqs.has(place)) return `P${p.id} executed two txns at seq ${o.seq}`;
    seqs.add(place);
    if (o.seq > p.lastExecuted || o.seq < 1)
      return `P${p.id} records ${o.txn} at seq ${o.seq} beyond its last executed seq ${p.lastExecuted}`;
  }
  return null;
});

/**
 * I3 (transition part): an honest participant executes slots strictly in seq order,
 * without gaps. Judged per decision as a step emits it: `lastExecuted` is the seq it
 * had executed through just before (-1 when unknown, e.g. the node had no state yet).
 */
export function executionOrderProblem(node: number, lastExecuted: number, seq: number): string | null {
  if (lastExecuted < 0 || seq === lastExecuted + 1) return null;
  return `node ${node} executed seq ${seq} after seq ${lastExecuted}`;
}
