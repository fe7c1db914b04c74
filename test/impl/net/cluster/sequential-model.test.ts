/** The cluster's end-of-run judgement of one replica's history against a sequential model. */
import assert from "node:assert/strict";
import type { ReplicaData, TxnOutcome } from "../../../../spec/messages.js";
import { emptyReplica, execute } from "../../../../impl/core/replica.js";
import type { ClientTxn } from "../../../../impl/net/client.js";
import { judgeHistory } from "../../../../impl/net/cluster/sequential-model.js";
import { makeTxn } from "../../../../impl/net/cluster/workload.js";
import { sha256Digest } from "../../../../impl/net/node-env.js";
import { asSeq } from "../../../../spec/ids.js";

/** The workload's first `count` txns, executed by the core's own replica code in seq order. */
function coreRun(count: number): { replica: ReplicaData; submitted: Map<string, ClientTxn> } {
  const submitted = new Map<string, ClientTxn>();
  let replica = emptyReplica;
  for (let i = 0; i < count; i++) {
    const txn = makeTxn(i);
    submitted.set(txn.id, txn);
    replica = execute(replica, txn, txn.flag, asSeq(i + 1)).replica;
  }
  return { replica, submitted };
}

/** The same txns in batches of `size` (spec/batch.ts): seq i/size + 1, the index its place in the batch. */
function batchedRun(count: number, size: number): { replica: ReplicaData; submitted: Map<string, ClientTxn> } {
  const submitted = new Map<string, ClientTxn>();
  let replica = emptyReplica;
  for (let i = 0; i < count; i++) {
    const txn = makeTxn(i);
    submitted.set(txn.id, txn);
    replica = execute(replica, txn, txn.flag, asSeq(Math.floor(i / size) + 1), i % size).replica;
  }
  return { replica, submitted };
}

describe("sequential model", () => {
  it("replays a batched history in seq order and batch order, and names a place in a batch taken twice", () => {
    const { replica, submitted } = batchedRun(60, 4);
    const judged = judgeHistory("P0", replica.outcomes, submitted);
    assert.deepEqual(judged.problems, []);
    assert.equal(judged.entriesDigest, sha256Digest(replica.entries));
    assert.deepEqual(judged, judgeHistory("P0", coreRun(60).replica.outcomes, submitted));
    // t000001 is second in batch 1: without its index it takes the first place again.
    const first = (o: TxnOutcome): TxnOutcome => ({ txn: o.txn, outcome: o.outcome, seq: o.seq });
    const twice = replica.outcomes.map((o) => (o.txn === "t000001" ? first(o) : o));
    assert.match(judgeHistory("P0", twice, submitted).problems.join("\n"), /integrity: P0 executed two txns at seq 1/);
  });

  it("accepts the core's own execution, and replays it to the same data", () => {
    const { replica, submitted } = coreRun(200);
    const judged = judgeHistory("P0", replica.outcomes, submitted);
    assert.deepEqual(judged.problems, []);
    assert.equal(judged.entriesDigest, sha256Digest(replica.entries));
    assert.ok(judged.commits > 0 && judged.commits < 200);
  });

  it("names a commit whose precondition fails, a commit of an abort flag, an unknown txn and a reused seq", () => {
    const { replica, submitted } = coreRun(30);
    // t000017 requires k18 at version 0; by seq 30, t000018 wrote k18, so committing it last is wrong.
    const late = { txn: "t000017", outcome: "commit" as const, seq: asSeq(31) };
    const outcomes = replica.outcomes.filter((o) => o.txn !== "t000017").concat([late]);
    assert.match(judgeHistory("P1", outcomes, submitted).problems.join("\n"), /model: P1 committed t000017 at seq 31/);
    const flipped = replica.outcomes.map((o) => (o.txn === "t000013" ? { ...o, outcome: "commit" as const } : o));
    assert.match(judgeHistory("P1", flipped, submitted).problems.join("\n"),
      /validity: P1 committed t000013 .* flag abort/);
    const stranger = [...replica.outcomes, { txn: "x1", outcome: "abort" as const, seq: asSeq(99) }];
    assert.match(judgeHistory("P2", stranger, submitted).problems.join("\n"), /never submitted/);
    const reused = [...replica.outcomes, { txn: "t000029", outcome: "abort" as const, seq: asSeq(1) }];
    assert.match(judgeHistory("P3", reused, submitted).problems.join("\n"), /two txns at seq 1/);
  });

  it("counts an abort the model would have committed as a presumed abort, not a violation", () => {
    const { replica, submitted } = coreRun(5);
    const presumed = replica.outcomes.map((o) => (o.txn === "t000004" ? { ...o, outcome: "abort" as const } : o));
    const judged = judgeHistory("P0", presumed, submitted);
    assert.deepEqual(judged.problems, []);
    assert.equal(judged.presumedAborts, 1);
  });
});
