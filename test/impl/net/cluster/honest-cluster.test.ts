/** Four honest participants and an honest coordinator, as separate processes on loopback. */
import assert from "node:assert/strict";
import { clusterTestMs, problemsOf, runSmall } from "./run-small.js";

describe("cluster: all honest (n = 4, f = 1)", function () {
  this.timeout(clusterTestMs);

  it("decides every transaction and every replica agrees", async () => {
    const run = await runSmall({ txns: 40 });
    assert.equal(run.workload.acknowledged.size, 40);
    assert.deepEqual(run.workload.undecided, []);
    assert.ok(run.check.ok, problemsOf(run));
    assert.equal(run.check.replicas.length, 4);
    assert.equal(new Set(run.check.replicas.map((r) => r.replicaDigest)).size, 1);
    assert.ok([...run.workload.acknowledged.values()].includes("commit"));
    assert.deepEqual(run.faulty.faulty.filter((e) => e.grade === "proven"), []);
  });
});
