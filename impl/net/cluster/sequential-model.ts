/**
 * The end-of-run judgement of one replica's history against a sequential
 * model, as the Jepsen-style audit of issue 15 did: replay the replica's
 * executed txns in seq order (a batch's in its order, spec/batch.ts) on an empty
 * versioned key/value store and check
 * 1. integrity: each (seq, place in its batch) and each txn id appears once;
 * 2. every txn is one the client submitted (its body known to the workload);
 * 3. validity: a `commit` had the client's commit flag and every read
 *    precondition held in the model at that point (an `abort` is always legal:
 *    a failed precondition, the client's abort flag, or a presumed abort after
 *    a view change);
 * 4. the replica's data equals the model's after the whole history.
 * Digest equality across replicas (replica-check.ts) says the replicas agree;
 * this says what they agree on is a serial execution of what was submitted.
 */
import type { ReplicaEntry, TxnOutcome } from "../../../spec/messages.js";
import type { ClientTxn } from "../client.js";
import { sha256Digest } from "../node-env.js";

export interface HistoryJudgement {
  readonly problems: readonly string[];
  /** sha256 of the model's entries, in the replica's encoding (sorted by key). */
  readonly entriesDigest: string;
  readonly commits: number;
  /** Aborts of txns the model would have committed: presumed aborts (view changes). */
  readonly presumedAborts: number;
}

export function judgeHistory(node: string, outcomes: readonly TxnOutcome[], submitted: ReadonlyMap<string, ClientTxn>):
  HistoryJudgement {
  const problems: string[] = [];
  const model = new Map<string, ReplicaEntry>();
  const bySeq = [...outcomes].sort((a, b) => a.seq - b.seq || (a.index ?? 0) - (b.index ?? 0));
  let commits = 0;
  let presumedAborts = 0;
  bySeq.forEach((o, i) => {
    const before = bySeq[i - 1];
    if (i > 0 && before?.seq === o.seq && (before.index ?? 0) === (o.index ?? 0)) {
      problems.push(`integrity: ${node} executed two txns at seq ${o.seq}`);
    }
    const txn = submitted.get(o.txn);
    if (txn === undefined) {
      problems.push(`validity: ${node} executed ${o.txn}, which the client never submitted`);
      return;
    }
    const holds = txn.reads.every((r) => (model.get(r.key)?.version ?? 0) === r.version);
    if (o.outcome === "commit") {
      const where = `${node} committed ${o.txn} at seq ${o.seq}`;
      if (txn.flag !== "commit") problems.push(`validity: ${where}, submitted with flag abort`);
      else if (!holds) problems.push(`model: ${where}, but a read precondition fails there`);
      commits += 1;
      for (const w of txn.writes) {
        model.set(w.key, { key: w.key, value: w.value, version: (model.get(w.key)?.version ?? 0) + 1 });
      }
    } else if (txn.flag === "commit" && holds) {
      presumedAborts += 1;
    }
  });
  const ids = new Set(bySeq.map((o) => o.txn));
  if (ids.size !== bySeq.length) problems.push(`integrity: ${node} holds ${bySeq.length - ids.size} txn ids twice`);
  const entries = [...model.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { problems, entriesDigest: sha256Digest(entries), commits, presumedAborts };
}
