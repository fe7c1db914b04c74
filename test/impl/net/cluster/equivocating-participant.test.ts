/**
 * A Byzantine participant that signs conflicting votes for the same slot is
 * proven faulty with transferable evidence (re-checked by the coordinator),
 * no honest node is ever proven, and the honest replicas still agree.
 */
import assert from "node:assert/strict";
import { clusterTestMs, problemsOf, runSmall } from "./run-small.js";

describe("cluster: an equivocating participant (P3)", function () {
  this.timeout(clusterTestMs);

  it("is proven and isolated by the honest participants, who still commit everything", async () => {
    const run = await runSmall({ txns: 30, byzantine: new Map([["P3", "equivocate"]]) });
    assert.equal(run.faulty.source, "coordinator");
    const proven = run.faulty.faulty.filter((e) => e.grade === "proven");
    assert.deepEqual(proven.map((e) => e.node), ["P3"], JSON.stringify(run.faulty.faulty));
    const p3 = proven[0];
    assert.equal(p3?.reason, "equivocation");
    // Every honest participant holds proof, so none counts P3's votes any more (DESIGN.md §4).
    assert.deepEqual([...(p3?.reportedBy ?? [])].sort(), ["P0", "P1", "P2"]);
    assert.equal(p3?.proof.length, 2);
    assert.equal(run.workload.acknowledged.size, 30);
    assert.ok(run.check.ok, problemsOf(run));
  });
});
