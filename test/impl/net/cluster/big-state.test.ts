/**
 * A replica several frames large (64 keys x 60 KB values, about 3.8 MB against a
 * 1 MiB frame limit): a participant killed early and restarted after the others
 * moved on catches up by chunked state transfer, and no node exits on the way
 * (before, the STATE-REPLY made encodeFrame throw in every replier, every restart).
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { frameBytesMax } from "../../../../impl/net/frame.js";
import { defaultClusterOptions, runCluster } from "../../../../impl/net/cluster/cluster-run.js";

const valueBytes = 60_000;
const txns = 90;

interface LogLine { readonly node?: string; readonly event?: string; readonly bytes?: number; readonly seq?: number }

describe("cluster: state larger than a frame", function () {
  // Generous: on two cores shared with other work, 60 KB txns go at a few per second.
  this.timeout(260_000);

  it("a lagging participant catches up by chunked state transfer", async () => {
    const run = await runCluster({
      ...defaultClusterOptions, txns, concurrency: 8, timeoutMs: 250_000, checkWaitMs: 30_000, tickMs: 100, valueBytes,
      viewChangeTicks: 600, // a slow leader is not the subject here: no view change (its NEW-VIEW would be unsendable)
      events: [{ action: "kill", node: "P1", atMs: 200 }, { action: "restart", node: "P1", atMs: 8_000 }],
    });
    const lines = readFileSync(run.messageLog, "utf8").split("\n").filter((l) => l !== "")
      .map((l) => JSON.parse(l) as LogLine);
    if (process.env["KEEP_CLUSTER"] === undefined) rmSync(run.dir, { recursive: true, force: true });
    assert.equal(run.workload.acknowledged.size, txns, run.timeline.join("\n"));
    assert.ok(run.check.ok, run.check.problems.join("\n"));
    const p1 = run.check.replicas.find((r) => r.node === "P1");
    const top = Math.max(...run.check.replicas.map((r) => r.lastExecuted));
    assert.equal(p1?.lastExecuted, top, JSON.stringify(run.check.replicas));
    const done = lines.filter((l) => l.node === "P1" && l.event === "transfer-done");
    assert.ok(done.length > 0, "P1 never completed a state transfer");
    // Up to 64 keys x 60 KB: the transferred replica spans several frames.
    assert.ok(Math.max(...done.map((l) => l.bytes ?? 0)) > 3 * frameBytesMax, JSON.stringify(done));
    // Every participant is still up and answered the end-of-run check (none exited on a big message).
    assert.deepEqual(run.check.replicas.map((r) => r.node).sort(), ["P0", "P1", "P2", "P3"]);
  });
});
