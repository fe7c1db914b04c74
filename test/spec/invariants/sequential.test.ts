/**
 * The sequential reference model (spec/sequential-model.ts) and invariant I8 (spec/invariants/sequential.ts) on
 * hand-built views.
 */
import assert from "node:assert/strict";
import type { GlobalView, ParticipantView } from "../../../spec/global-view.js";
import { sequential } from "../../../spec/invariants/sequential.js";
import type { Outcome, ReplicaEntry, Txn, TxnOutcome } from "../../../spec/messages.js";
import { runSequential } from "../../../spec/sequential-model.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";
import type { Seq } from "../../../spec/ids.js";

// t1 and t2 both write k0 and read it at version 0: whichever runs second finds k0 at version 1.
const t1: Txn = { id: "t1", writes: [{ key: "k0", value: "v1" }], reads: [{ key: "k0", version: 0 }] };
const t2: Txn = { id: "t2", writes: [{ key: "k0", value: "v2" }], reads: [{ key: "k0", version: 0 }] };

function participant(
  outcomes: TxnOutcome[], entries: ReplicaEntry[], flags: { seq: Seq; txn: string; flag: Outcome }[] = [],
): ParticipantView {
  return {
    id: asNodeId(1), view: 0, lastExecuted: asSeq(outcomes.length), outcomes, replicaKey: "r", lowWatermark: asSeq(0),
    highestPrePrepared: asSeq(outcomes.length), entries, executedFlags: flags, prePrepares: [],
  };
}

const view = (p: ParticipantView): GlobalView => ({
  n: 4, f: 1, windowSize: 4, participants: [p], honestMask: 0b11110, provenBy: [], coordinatorHonest: true,
  replies: [], confirmations: [],
  submitted: [{ txn: t1, flag: "commit" }, { txn: t2, flag: "commit" }], viewChanged: false,
  coordinatorLowWatermark: asSeq(0),
});

describe("sequential execution (I8)", () => {
  it("holds when the second writer of a key aborts on its precondition and the data are the first's", () => {
    const p = participant(
      [{ txn: "t1", outcome: "commit", seq: asSeq(1) }, { txn: "t2", outcome: "abort", seq: asSeq(2) }],
      [{ key: "k0", value: "v1", version: 1 }],
      [{ seq: asSeq(1), txn: "t1", flag: "commit" }, { seq: asSeq(2), txn: "t2", flag: "commit" }],
    );
    assert.equal(sequential.check(view(p)), null);
  });

  it("evaluates preconditions in seq order, not in txn id order", () => {
    const p = participant(
      [{ txn: "t1", outcome: "abort", seq: asSeq(2) }, { txn: "t2", outcome: "commit", seq: asSeq(1) }],
      [{ key: "k0", value: "v2", version: 1 }],
    );
    assert.equal(sequential.check(view(p)), null);
  });

  it("names a commit whose precondition failed at its turn", () => {
    const p = participant(
      [{ txn: "t1", outcome: "commit", seq: asSeq(1) }, { txn: "t2", outcome: "commit", seq: asSeq(2) }],
      [{ key: "k0", value: "v2", version: 2 }],
    );
    assert.equal(sequential.check(view(p)),
      "P1: t2 committed at seq 2 but its precondition k0@0 fails there (k0 is at version 1)");
  });

  it("names an abort of a commit-flagged txn whose preconditions held", () => {
    const p = participant([{ txn: "t1", outcome: "abort", seq: asSeq(1) }], [],
      [{ seq: asSeq(1), txn: "t1", flag: "commit" }]);
    assert.equal(sequential.check(view(p)),
      "P1: t1 aborted at seq 1 although flagged commit with every precondition holding");
  });

  it("names data that differ from the model's", () => {
    const p = participant([{ txn: "t1", outcome: "commit", seq: asSeq(1) }], [{ key: "k0", value: "v1", version: 2 }]);
    assert.match(sequential.check(view(p)) ?? "", /^P1: data .* differ from the sequential model's/);
  });

  it("says which steps' preconditions failed (the S8 witness)", () => {
    const run = runSequential([
      { seq: asSeq(1), txn: t1, outcome: "commit", flag: "commit" },
      { seq: asSeq(2), txn: t2, outcome: "abort", flag: null },
    ]);
    assert.deepEqual(run.verdicts.map((v) => v.preconditionsHold), [true, false]);
    assert.deepEqual(run.entries, [{ key: "k0", value: "v1", version: 1 }]);
  });
});
