/**
 * What a client gets once an outcome's records are pruned (impl/net/outcome-retention.ts), on a real
 * n = 4 cluster in this process that keeps two decided records per node: the coordinator answers
 * 410 `expired` with the outcome for GET and for a resubmission, never 404 and never a second
 * proposal, also after a restart; participants answer 410 with their replica's outcome; the client
 * library gets the proof from the participants while they still hold it, and a clear error after.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { clientName } from "../../../impl/net/cluster-config.js";
import { openClient, type ByzClient } from "../../../impl/net/client.js";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { getJson } from "../../../impl/net/http-json.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { decidedOf } from "./fixtures/decided.js";

const txn = (id: string) => ({ id, writes: [{ key: id, value: "v" }], reads: [], flag: "commit" as const });

describe("outcome expiry", function () {
  this.timeout(60_000);
  const freshDir = temporaryDirs("expiry");
  let configFile: string;
  const nodes = new Map<string, RunningNode>();
  let client: ByzClient;

  const start = async (name: string): Promise<void> => {
    const started = await startNode({ configFile, name, behaviour: "honest", logFile: null });
    assert.ok(started.ok, started.ok ? "" : started.error);
    nodes.set(name, started.value);
  };
  const url = (name: string): string => nodes.get(name)?.httpUrl ?? "";
  const nextSeq = (): number => {
    const state = nodes.get("C")?.state();
    return state?.role === "coordinator" ? state.nextSeq : -1;
  };

  before(async () => {
    const files = await writeClusterFiles(freshDir(),
      { n: 4, f: 1, tickMs: 50, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 200, relay: false });
    assert.ok(files.ok, files.ok ? "" : files.error);
    configFile = files.value.configFile;
    const raw = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...raw, outcomesKeptMax: 2 }));
    const opened = openClient({ configFile, name: clientName });
    assert.ok(opened.ok, opened.ok ? "" : opened.error);
    client = opened.value;
    for (const name of ["P0", "P1", "P2", "P3", "C"]) await start(name);
  });

  after(async () => {
    for (const node of nodes.values()) await node.close();
  });

  it("answers 410 expired with the outcome at C once the record is pruned, and never proposes it again", async () => {
    for (const id of ["t1", "t2", "t3"]) {
      assert.equal(decidedOf(await client.submit(txn(id), Date.now() + 20_000))?.outcome, "commit");
    }
    const kept = await getJson(`${url("C")}/txn/t3`);
    assert.ok(kept.ok && kept.status === 200);
    const pruned = await getJson(`${url("C")}/txn/t1`);
    assert.ok(pruned.ok);
    assert.equal(pruned.status, 410);
    assert.deepEqual([(pruned.body as { status: string }).status, (pruned.body as { outcome: string }).outcome],
      ["expired", "commit"]);
    const unknown = await getJson(`${url("C")}/txn/never`);
    assert.ok(unknown.ok && unknown.status === 404);
    // Resubmitted: not proposed again; the client library reads the proof from the participants, whose
    // slots still hold t1's confirmation (its seq is above their stable checkpoint).
    const seqBefore = nextSeq();
    const again = decidedOf(await client.submit(txn("t1"), Date.now() + 5_000));
    assert.deepEqual([again?.outcome, again?.via], ["commit", "participants"]);
    assert.equal(nextSeq(), seqBefore, "a pruned txn was proposed again");
  });

  it("answers 410 at a participant once the confirmation is pruned and its slot is past a stable checkpoint",
    async () => {
      for (let i = 4; i <= 20; i++) {
        assert.equal(decidedOf(await client.submit(txn(`t${i}`), Date.now() + 20_000))?.outcome, "commit");
      }
      const answer = await getJson(`${url("P0")}/txn/t1`);
      assert.ok(answer.ok);
      assert.equal(answer.status, 410, JSON.stringify(answer.body));
      assert.equal((answer.body as { outcome: string }).outcome, "commit");
      // C replies on f+1 confirmations, which need not include P0's: give P0 a few seconds to execute t20 too.
      let kept = await getJson(`${url("P0")}/txn/t20`);
      for (const until = Date.now() + 10_000; !(kept.ok && kept.status === 200) && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        kept = await getJson(`${url("P0")}/txn/t20`);
      }
      assert.ok(kept.ok && kept.status === 200, JSON.stringify(kept));
      // Nobody can prove t1 any more: the client library says so rather than waiting for its deadline.
      const seqBefore = nextSeq();
      const unproven = await client.submit(txn("t1"), Date.now() + 10_000);
      assert.equal(unproven?.kind, "expired", JSON.stringify(unproven));
      assert.equal(unproven.claimed, "commit", "C says what was decided, though it can no longer prove it");
      assert.equal(nextSeq(), seqBefore, "a pruned txn was proposed again");
    });

  it("still answers 410 for a pruned txn after a coordinator restart, and 200 for a kept one", async () => {
    await nodes.get("C")?.close();
    await start("C");
    const pruned = await getJson(`${url("C")}/txn/t2`);
    assert.ok(pruned.ok && pruned.status === 410, JSON.stringify(pruned));
    const kept = await getJson(`${url("C")}/txn/t20`);
    assert.ok(kept.ok && kept.status === 200, JSON.stringify(kept));
    const fresh = decidedOf(await client.submit(txn("t21"), Date.now() + 20_000));
    assert.equal(fresh?.outcome, "commit");
  });

  it("shows in /metrics the records held (at most outcomesKeptMax), Ed25519 operations, the state held", async () => {
    for (const name of ["C", "P0"]) {
      const metrics = await getJson(`${url(name)}/metrics`);
      assert.ok(metrics.ok);
      const held = Number(/^byzcommit_outcome_records (\d+)$/m.exec(metrics.text)?.[1]);
      assert.ok(held >= 1 && held <= 2, `${name} holds ${held}`);
      const verifies = Number(/^byzcommit_signatures_total\{op="verify"\} (\d+)$/m.exec(metrics.text)?.[1]);
      assert.ok(verifies > 0, `${name}: ${verifies} verifications`);
      // What the node holds, by structure, for a soak's diagnosis (node-views.ts `heldItems`).
      const item = (what: string): number =>
        Number(new RegExp(`^byzcommit_held_items\\{what="${what}"\\} (\\d+)$`, "m").exec(metrics.text)?.[1]);
      assert.ok(item("store entries") > 0, `${name}: ${item("store entries")} store entries`);
      assert.ok(item(name === "C" ? "replies" : "replica.outcomes") >= 1, `${name}: nothing decided held`);
    }
  });
});
