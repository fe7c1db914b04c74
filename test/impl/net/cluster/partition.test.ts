/**
 * `npm run cluster -- --partition ... --heal ...`: the relay cuts P0 off from
 * every other node for a while, then heals; the others go on deciding, P0
 * catches up after the heal, and the end-of-run check (agreement, digests,
 * acknowledged outcomes, each history against the sequential model) passes.
 * The cut comes at 5 acknowledged txns (0.5 s at the latest) and the heal at
 * 25 (2.5 s at the latest), so traffic follows the heal: on a fast machine the
 * 40 txns take about 1.5 s, and with no traffic after the heal nothing tells P0
 * it is behind (the coordinator stops resending below the others' stable
 * checkpoint), so it never caught up.
 */
import assert from "node:assert/strict";
import { clusterTestMs, problemsOf, runSmall } from "./run-small.js";

describe("cluster: a partition and its heal", function () {
  this.timeout(clusterTestMs);

  it("cuts frames while partitioned, and every honest replica ends equal to the model", async () => {
    const run = await runSmall({
      txns: 40, concurrency: 8,
      events: [
        { action: "partition", groups: [["P0"], ["P1", "P2", "P3", "C"]], atMs: 500, atAcks: 5 },
        { action: "heal", atMs: 2_500, atAcks: 25 },
      ],
    });
    const timeline = run.timeline.map((line) => line.replace(/^[\d.]+s /, ""));
    assert.deepEqual(timeline, ["partition P0 | P1,P2,P3,C", "healed the partition"]);
    assert.ok((run.relay?.partitioned ?? 0) > 0, "no frame was cut");
    assert.equal(run.workload.acknowledged.size, 40);
    assert.ok(run.check.ok, problemsOf(run));
    assert.ok(run.check.replicas.some((r) => r.node === "P0"));
  });
});
