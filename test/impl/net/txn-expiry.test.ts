/**
 * Txns that carry a signed `expires` (impl/core/replica.ts) on a real n = 4 cluster in this process (W = 8, a
 * checkpoint every 2 seqs, two decided records kept in C's book): the client library fills `expires` from the
 * coordinator's next seq; once the window passes it, the replicas' outcome tables and the coordinator's core
 * replies have dropped the txn, a resubmission of the same signed body gets 410 `expired` and is never proposed
 * again, and a txn signed with an expiry already passed gets 410 at once.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { clientName } from "../../../impl/net/cluster-config.js";
import { openClient, type ByzClient, type ClientTxn } from "../../../impl/net/client.js";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { getJson } from "../../../impl/net/http-json.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { decidedOf } from "./fixtures/decided.js";

const txn = (id: string, expires?: number): ClientTxn => ({
  id, writes: [{ key: id, value: "v" }], reads: [], flag: "commit", ...(expires === undefined ? {} : { expires }),
});

describe("txns with a signed expiry on a cluster", function () {
  this.timeout(90_000);
  const freshDir = temporaryDirs("txn-expiry");
  const nodes = new Map<string, RunningNode>();
  let client: ByzClient;

  const coordinator = () => {
    const state = nodes.get("C")?.state();
    assert.ok(state?.role === "coordinator");
    return state;
  };
  const participant = (name: string) => {
    const state = nodes.get(name)?.state();
    assert.ok(state?.role === "participant");
    return state;
  };

  before(async () => {
    const files = await writeClusterFiles(freshDir(),
      { n: 4, f: 1, tickMs: 50, windowSize: 8, checkpointInterval: 2, viewChangeTicks: 200, relay: false });
    assert.ok(files.ok, files.ok ? "" : files.error);
    const configFile = files.value.configFile;
    const raw = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...raw, outcomesKeptMax: 2 }));
    const opened = openClient({ configFile, name: clientName, expiresAfterSeqs: 4 });
    assert.ok(opened.ok, opened.ok ? "" : opened.error);
    client = opened.value;
    for (const name of ["P0", "P1", "P2", "P3", "C"]) {
      const started = await startNode({ configFile, name, behaviour: "honest", logFile: null });
      assert.ok(started.ok, started.ok ? "" : started.error);
      nodes.set(name, started.value);
    }
  });

  after(async () => {
    for (const node of nodes.values()) await node.close();
  });

  it("fills expires, prunes replicas and replies past it, and refuses the same signed txn afterwards", async () => {
    const first = txn("t1", coordinator().nextSeq + 1);
    assert.equal(decidedOf(await client.submit(first, Date.now() + 20_000))?.outcome, "commit");
    assert.ok(participant("P0").replica.outcomes.some((o) => o.txn === "t1" && o.expires === first.expires));
    for (let i = 2; i <= 12; i++) {
      assert.equal(decidedOf(await client.submit(txn(`t${i}`), Date.now() + 20_000))?.outcome, "commit");
    }
    // C's book keeps the newest two records, each with the expiry of its signed body.
    const filled = await getJson(`${nodes.get("C")?.httpUrl ?? ""}/txn/t12`);
    assert.ok(filled.ok && filled.status === 200);
    assert.equal(typeof (filled.body as { expires?: unknown }).expires, "number", "the client signed t12 with one");
    for (const name of ["P0", "P1", "P2", "P3"]) {
      const held = participant(name).replica.outcomes.map((o) => o.txn);
      assert.ok(!held.includes("t1"), `${name} still holds t1`);
      assert.ok(held.length < 12, `${name} holds ${held.length} outcomes`);
    }
    assert.ok(!coordinator().replies.some((r) => r.txn === "t1"), "C's core still holds t1's reply");
    const seqBefore = coordinator().nextSeq;
    // A typed result with the coordinator's one-line reason, not an exception (client.ts `ClientExpired`).
    const refused = await client.submit(first, Date.now() + 10_000);
    assert.equal(refused?.kind, "expired", JSON.stringify(refused));
    assert.match(refused.error, /expired/);
    assert.ok(!refused.error.includes("\n"), refused.error);
    assert.equal(refused.expires, first.expires ?? null);
    const lookedUp = await getJson(`${nodes.get("C")?.httpUrl ?? ""}/txn/t1`);
    assert.ok(lookedUp.ok);
    assert.equal(lookedUp.status, 404, JSON.stringify(lookedUp.body));
    assert.equal(coordinator().nextSeq, seqBefore, "an expired txn was proposed again");
  });

  it("answers 410 at once for a txn signed with an expiry the window already passed", async () => {
    const seqBefore = coordinator().nextSeq;
    const late = await client.submit(txn("late", 1), Date.now() + 10_000);
    assert.equal(late?.kind, "expired", JSON.stringify(late));
    assert.match(late.error, /expired at seq 1 with no outcome known/);
    assert.equal(late.claimed, null, "it never executed");
    assert.equal(late.expires, 1);
    assert.equal(coordinator().nextSeq, seqBefore);
  });
});
