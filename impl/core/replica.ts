/**
 * The participant's replica: versioned key/value entries and the outcome of every
 * executed txn. Execution is deterministic, so honest replicas that execute the
 * same slots in the same order hold equal data (invariant I4).
 */
import type { Outcome, ReplicaData, ReplicaEntry, Seq, Txn, TxnOutcome } from "../../spec/messages.js";

export const emptyReplica: ReplicaData = { entries: [], outcomes: [] };

/** A missing key is at version 0: a precondition "k at version 0" means "k was never written". */
export function versionOf(replica: ReplicaData, key: string): number {
  return replica.entries.find((e) => e.key === key)?.version ?? 0;
}

export function outcomeOf(replica: ReplicaData, txnId: string): TxnOutcome | undefined {
  return replica.outcomes.find((o) => o.txn === txnId);
}

function insertSorted<T>(items: readonly T[], item: T, before: (a: T, b: T) => boolean): T[] {
  const copy = items.slice();
  let i = copy.length;
  while (i > 0 && before(item, copy[i - 1] as T)) i--;
  copy.splice(i, 0, item);
  return copy;
}

function writeAll(entries: readonly ReplicaEntry[], txn: Txn): readonly ReplicaEntry[] {
  let next = entries;
  for (const w of txn.writes) {
    const old = next.find((e) => e.key === w.key);
    const entry = { key: w.key, value: w.value, version: (old?.version ?? 0) + 1 };
    next = old === undefined
      ? insertSorted(next, entry, (a, b) => a.key < b.key)
      : next.map((e) => (e.key === w.key ? entry : e));
  }
  return next;
}

/**
 * Executes `txn` at `seq` (the `index`-th of its batch) with the leader's `flag`. The outcome is commit iff the
 * flag is commit and every precondition holds now. A txn id that already executed
 * is a no-op (`null`): its outcome was fixed by the first slot that carried it.
 */
export function execute(replica: ReplicaData, txn: Txn, flag: Outcome, seq: Seq, index = 0):
  { readonly replica: ReplicaData; readonly outcome: Outcome | null } {
  if (outcomeOf(replica, txn.id) !== undefined) return { replica, outcome: null };
  const holds = txn.reads.every((r) => versionOf(replica, r.key) === r.version);
  const outcome: Outcome = flag === "commit" && holds ? "commit" : "abort";
  const entries = outcome === "commit" ? writeAll(replica.entries, txn) : replica.entries;
  // A txn's place in its batch is recorded from the second on: a replica without batches encodes as before.
  const record: TxnOutcome = index === 0 ? { txn: txn.id, outcome, seq } : { txn: txn.id, outcome, seq, index };
  const outcomes = insertSorted(replica.outcomes.filter((o) => o.txn !== txn.id), record, (a, b) => a.txn < b.txn);
  return { replica: { entries, outcomes }, outcome };
}
