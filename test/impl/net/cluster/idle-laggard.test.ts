/**
 * An idle laggard (checkpoint-beacon.ts): the relay cuts P0 off early, the others decide
 * every txn, and the cut heals only once the workload is over, so no traffic follows.
 * The others' idle beacons re-announce their stable CHECKPOINT; P0 adopts it and fetches
 * the state, without a view change. Before the beacon such a run ended "P0 executed
 * through seq 8, others 40", or recovered only through VIEW-CHANGEs on slots P0 could
 * never execute.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { defaultClusterOptions, runCluster } from "../../../../impl/net/cluster/cluster-run.js";
import { clusterRunMs, clusterTestMs, problemsOf } from "./run-small.js";

interface LogLine { readonly node?: string; readonly event?: string; readonly kind?: string }

describe("cluster: an idle laggard catches up", function () {
  this.timeout(clusterTestMs);

  it("learns from the others' beacons and catches up by state transfer, with no view change", async () => {
    const run = await runCluster({
      ...defaultClusterOptions, txns: 40, concurrency: 8, timeoutMs: clusterRunMs, checkWaitMs: 15_000, tickMs: 100,
      events: [
        { action: "partition", groups: [["P0"], ["P1", "P2", "P3", "C"]], atMs: 300, atAcks: 3 },
        { action: "heal", atMs: 60_000, atAcks: 40 },
      ],
    });
    const lines = readFileSync(run.messageLog, "utf8").split("\n").filter((l) => l !== "")
      .map((l) => JSON.parse(l) as LogLine);
    if (process.env["KEEP_CLUSTER"] === undefined) rmSync(run.dir, { recursive: true, force: true });
    assert.equal(run.workload.acknowledged.size, 40);
    assert.ok(run.check.ok, problemsOf(run));
    assert.ok(lines.some((l) => l.event === "beacon"), "no participant announced its checkpoint");
    assert.ok(lines.some((l) => l.node === "P0" && l.event === "transfer-done"), "P0 fetched no state");
    // P0 alone may ask for one while cut off with a slot pending (viewChangeTicks on a slow run): alone, that
    // changes no view. Nobody else asks, and no NEW-VIEW is sent.
    const others = lines.filter((l) => l.event === "send" && l.node !== "P0" && l.kind === "ViewChange");
    assert.equal(others.length, 0, `${others.length} VIEW-CHANGEs sent by others than P0`);
    assert.ok(!lines.some((l) => l.event === "send" && l.kind === "NewView"), "a NEW-VIEW was sent");
  });
});
