/** The cluster's end-of-run safety check (impl/net/cluster/replica-invariants.ts) is spec's I1, I4 and I7. */
import assert from "node:assert/strict";
import { replicaViolations, type ReplicaReport } from "../../../../impl/net/cluster/replica-invariants.js";
import type { Outcome } from "../../../../spec/messages.js";
import { asSeq } from "../../../../spec/ids.js";

const replica = (node: string, outcomes: [string, Outcome, number][], digest = "d2"): ReplicaReport => ({
  node, lastExecuted: Math.max(0, ...outcomes.map(([, , seq]) => seq)), replicaDigest: digest,
  outcomes: outcomes.map(([txn, outcome, seq]) => ({ txn, outcome, seq: asSeq(seq) })),
});
const agreed = (node: string) => replica(node, [["t1", "commit", 1], ["t2", "abort", 2]]);
const acknowledged = new Map<string, Outcome>([["t1", "commit"], ["t2", "abort"]]);

describe("cluster replica invariants (spec's I1, I4, I7 on GET /replica)", () => {
  it("hold when every replica executed the same txns with the same outcomes into the same data", () => {
    assert.deepEqual(replicaViolations([agreed("p0"), agreed("p1"), agreed("p2")], acknowledged), []);
  });

  it("name a txn two replicas decided differently, by the replicas' names", () => {
    const split = replica("p2", [["t1", "commit", 1], ["t2", "commit", 2]]);
    assert.deepEqual(replicaViolations([agreed("p0"), split], new Map()),
      ["agreement: txn t2: p0 decided abort at seq 2, p2 decided commit at seq 2"]);
  });

  it("name replicas through one seq with different data, and an acknowledged outcome not decided", () => {
    const diverged = replica("p1", [["t1", "commit", 1], ["t2", "abort", 2]], "other");
    assert.deepEqual(replicaViolations([agreed("p0"), diverged], new Map()),
      ["consistency: p0 and p1 executed through seq 2 but hold different data"]);
    assert.deepEqual(replicaViolations([agreed("p0")], new Map<string, Outcome>([["t2", "commit"]])),
      ["client truth: coordinator replied commit for t2, participants decided abort"]);
  });
});
