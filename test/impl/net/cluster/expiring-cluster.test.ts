/**
 * A cluster whose client signs `expires` on every txn (`npm run cluster -- --expires-after N`): replicas prune
 * the records of expired txns at their checkpoints, and the end-of-run check, which restores those from the
 * client's acknowledged outcomes (replica-check.ts), still passes and reports how many it restored.
 */
import assert from "node:assert/strict";
import { clusterTestMs, problemsOf, runSmall } from "./run-small.js";

describe("cluster: txns that expire", function () {
  this.timeout(clusterTestMs);

  it("prunes expired records at every replica, and the check restores them and passes", async () => {
    const run = await runSmall({
      txns: 40, concurrency: 4, windowSize: 64, checkpointInterval: 2, expiresAfterSeqs: 8,
    });
    assert.equal(run.workload.acknowledged.size, 40);
    assert.ok(run.check.ok, problemsOf(run));
    assert.equal(run.check.replicas.length, 4);
    for (const replica of run.check.replicas) assert.ok(replica.pruned > 0, JSON.stringify(replica));
  });
});
