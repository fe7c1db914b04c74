import { alwaysEach } from "../global-view.js";

/**
 * I3 (state part): an honest participant executes a txn at most once, each seq at most
 * once, and never beyond its last executed seq, nor in a slot past the `expires` of the
 * txn the client signed. The in-order part is a transition check (`executionOrderProblem`,
 * below). At-most-once once records are pruned (impl/core/replica.ts): a replica drops the
 * record of a txn only at a checkpoint at or past its expiry, so a second execution would
 * be in a slot past it: caught here while it is on record, and per decision as it happens
 * (`expiredExecutionProblem`) even if a checkpoint in the same step pruned it again.
 */
export const integrity = alwaysEach("I3", "integrity", (p, g) => {
  const expiry = new Map<string, number>();
  for (const s of g.submitted) if (s.txn.expires !== undefined) expiry.set(s.txn.id, s.txn.expires);
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
    const late = expiredExecutionProblem(p.id, o.seq, o.txn, expiry.get(o.txn));
    if (late !== null) return late;
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

/**
 * I3 (at-most-once, per decision): an honest participant decides txn `txn` in the slot of `seq` only at or below
 * `expires`, the expiry in the txn the client signed (undefined: none).
 */
export function expiredExecutionProblem(node: number, seq: number, txn: string, expires: number | undefined):
  string | null {
  if (expires === undefined || seq <= expires) return null;
  return `P${node} executed ${txn} at seq ${seq}, past its expiry at seq ${expires}`;
}
