/**
 * The participant's replica: versioned key/value entries and the outcome of every
 * executed txn. Execution is deterministic, so honest replicas that execute the
 * same slots in the same order hold equal data (invariant I4).
 *
 * At-most-once, and the contract that lets the outcome table shrink. The table is the
 * protocol's memory of which txns ran: a txn id already on record is a no-op. Kept
 * forever, it grows with every txn. A txn may carry `expires`, a seq inside its
 * client-signed body: it executes only in a slot at or below that seq, and in any later
 * slot it is a no-op at every honest replica, whether or not its record is still held.
 * So at the checkpoint of seq s (`pruneExpired`, run as the checkpoint is taken, before
 * its digest) the records of txns that expire at or below s can go: every slot executed
 * after it has a seq above s, where they are no-ops anyway. The rule reads only the
 * replica and s, so every honest replica prunes the same records at the same seq, and the
 * checkpoint digests, snapshots and state transfer stay equal. Why a seq and not PBFT's
 * per-client timestamps (the last reply kept per client): clients here run many txns at
 * once, which a client's single increasing timestamp would order, and forbid; and why
 * not a time: the core has no clock, and replicas' clocks would prune at different seqs.
 * The price: a client must pick `expires` far enough ahead for its txn to be proposed
 * (a txn proposed too late is a no-op, never executed), and read its outcome before the
 * checkpoint at or past `expires`. A txn without `expires` is remembered forever, as before.
 */
import type { Outcome, ReplicaData, ReplicaEntry, Seq, Txn, TxnOutcome } from "../../spec/messages.js";

export const emptyReplica: ReplicaData = { entries: [], outcomes: [] };

/** A missing key is at version 0: a precondition "k at version 0" means "k was never written". */
export function versionOf(replica: ReplicaData, key: string): number {
  return replica.entries.find((e) => e.key === key)?.version ?? 0;
}

/**
 * Where `txnId`'s record is in outcomes sorted by txn id, or where it would go. The table is strictly sorted
 * (`execute` keeps it so; a state transfer installs only a replica that matches Q signed digests of honest
 * ones), so a binary search finds a record: a scan of it per lookup, several per executed txn, took a third of
 * a participant's CPU in the 20 k soak and grew with the table (README, soak).
 */
function outcomeIndex(outcomes: readonly TxnOutcome[], txnId: string): number {
  let low = 0;
  let high = outcomes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((outcomes[middle] as TxnOutcome).txn < txnId) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function outcomeOf(replica: ReplicaData, txnId: string): TxnOutcome | undefined {
  const found = replica.outcomes[outcomeIndex(replica.outcomes, txnId)];
  return found?.txn === txnId ? found : undefined;
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
  if (expiredAt(txn, seq) || outcomeOf(replica, txn.id) !== undefined) return { replica, outcome: null };
  const holds = txn.reads.every((r) => versionOf(replica, r.key) === r.version);
  const outcome: Outcome = flag === "commit" && holds ? "commit" : "abort";
  const entries = outcome === "commit" ? writeAll(replica.entries, txn) : replica.entries;
  // A txn's place in its batch is recorded from the second on: a replica without batches encodes as before.
  // The expiry is recorded with the outcome, so pruning needs no txn body.
  const placed: TxnOutcome = index === 0 ? { txn: txn.id, outcome, seq } : { txn: txn.id, outcome, seq, index };
  const record: TxnOutcome = txn.expires === undefined ? placed : { ...placed, expires: txn.expires };
  // In its place by txn id, replacing a record of the same id (none unless the no-op check above is gone).
  const at = outcomeIndex(replica.outcomes, txn.id);
  const outcomes = replica.outcomes.slice();
  outcomes.splice(at, replica.outcomes[at]?.txn === txn.id ? 1 : 0, record);
  return { replica: { entries, outcomes }, outcome };
}

/** Whether `txn` may no longer execute in the slot of `seq`: it expired below it (see the top of this file). */
export function expiredAt(txn: Txn, seq: Seq): boolean {
  return txn.expires !== undefined && txn.expires < seq;
}

/**
 * Whether `txn` is done with at a replica that executed through `lastExecuted`: its outcome is on record, or it
 * expired, so no later slot can execute it (its record may be pruned). Nothing is to be waited on for it.
 */
export function spent(replica: ReplicaData, txn: Txn, lastExecuted: Seq): boolean {
  return (txn.expires !== undefined && txn.expires <= lastExecuted) || outcomeOf(replica, txn.id) !== undefined;
}

/** The replica at the checkpoint of `seq`: records of txns expiring at or below it dropped (top of this file). */
export function pruneExpired(replica: ReplicaData, seq: Seq): ReplicaData {
  const outcomes = replica.outcomes.filter((o) => o.expires === undefined || o.expires > seq);
  return outcomes.length === replica.outcomes.length ? replica : { entries: replica.entries, outcomes };
}
