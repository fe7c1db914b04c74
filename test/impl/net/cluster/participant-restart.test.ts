/**
 * kill -9 of a participant mid-run, then a restart on the same data directory:
 * it comes back with what it persisted, catches up, and no acknowledged
 * outcome is missing anywhere.
 */
import assert from "node:assert/strict";
import { clusterTestMs, problemsOf, runSmall } from "./run-small.js";

describe("cluster: a participant killed and restarted", function () {
  this.timeout(clusterTestMs);

  it("loses nothing acknowledged", async () => {
    const run = await runSmall({
      txns: 80, concurrency: 8,
      events: [{ action: "kill", node: "P1", atMs: 600 }, { action: "restart", node: "P1", atMs: 1_800 }],
    });
    assert.equal(run.timeline.length, 2, run.timeline.join("\n"));
    assert.match(run.timeline[1] ?? "", /restarted P1/);
    assert.equal(run.workload.acknowledged.size, 80);
    assert.ok(run.check.ok, problemsOf(run));
    assert.ok(run.check.replicas.some((r) => r.node === "P1"));
  });
});
