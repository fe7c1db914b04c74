/**
 * The client API people rely on (issue 15, part 4), on a real n = 4 cluster
 * run in this process (no relay): clients sign their own txns and the
 * coordinator only verifies; outcomes survive a coordinator restart (GET keeps
 * answering, a resubmitted decided txn gets its outcome at once, the same id
 * with another body is 409); per-client admission (429 + Retry-After); 413 for
 * a big body, answered rather than reset; 400 for a bad `%` escape; and the
 * client library reads f+1 signed confirmations.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import {
  clientName, loadClusterConfig, protocolConfigOf, type ClusterConfig,
} from "../../../impl/net/cluster-config.js";
import { openClient, type ByzClient } from "../../../impl/net/client.js";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { getJson, postJson } from "../../../impl/net/http-json.js";
import { writeClientKey } from "../../../impl/net/keys.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { makeSigner } from "../../../impl/net/signer.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asNodeId } from "../../../spec/ids.js";
import { decidedOf } from "./fixtures/decided.js";

const txn = (id: string, value = "v") => ({ id, writes: [{ key: "k", value }], reads: [], flag: "commit" as const });

/** A raw POST with its own byte count, to see what the server answers to a body over the limit. */
function postRaw(url: string, bytes: number): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const options = { method: "POST", headers: { "content-type": "application/json" } };
    const request = http.request(`${url}/txn`, options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", (error) => resolve({ error: error.message }));
    request.end(Buffer.alloc(bytes, 0x20));
  });
}

describe("client API", function () {
  this.timeout(60_000);
  const freshDir = temporaryDirs("client-api");
  let configFile: string;
  let cluster: ClusterConfig;
  const nodes = new Map<string, RunningNode>();
  let client: ByzClient;
  let alice: ByzClient;

  const start = async (name: string): Promise<RunningNode> => {
    const started = await startNode({ configFile, name, behaviour: "honest", logFile: null });
    assert.ok(started.ok, started.ok ? "" : started.error);
    nodes.set(name, started.value);
    return started.value;
  };
  const coordinatorUrl = (): string => nodes.get("C")?.httpUrl ?? "";

  before(async () => {
    const dir = freshDir();
    const files = await writeClusterFiles(dir,
      { n: 4, f: 1, tickMs: 50, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 200, relay: false });
    assert.ok(files.ok, files.ok ? "" : files.error);
    configFile = files.value.configFile;
    const raw = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...raw, pendingPerClientMax: 2 }));
    assert.ok(writeClientKey(configFile, "alice", path.join(dir, "alice.pem"), false).ok);
    const loaded = loadClusterConfig(configFile);
    assert.ok(loaded.ok);
    cluster = loaded.value;
    const opened = openClient({ configFile, name: clientName });
    const openedAlice = openClient({ configFile, name: "alice", keyFile: path.join(dir, "alice.pem") });
    assert.ok(opened.ok && openedAlice.ok);
    client = opened.value;
    alice = openedAlice.value;
    for (const node of cluster.nodes) await start(node.id);
  });

  after(async () => {
    for (const node of nodes.values()) await node.close();
  });

  it("commits a txn the client signed, with f+1 confirmations the client checked itself", async () => {
    const decided = decidedOf(await client.submit(txn("t1"), Date.now() + 20_000));
    assert.equal(decided?.outcome, "commit");
    assert.equal(decided?.via, "coordinator");
    assert.ok((decided?.confirmations.length ?? 0) >= cluster.f + 1);
    const byAlice = decidedOf(await alice.submit(txn(alice.txnId("a1")), Date.now() + 20_000));
    assert.equal(byAlice?.outcome, "commit");
  });

  it("refuses a request signed with a key that is not the client's named by the id (403)", async () => {
    const protocol = protocolConfigOf(cluster);
    const stranger = makeSigner(asNodeId(protocol.participantCount + 1), generateKeyPairSync("ed25519").privateKey);
    const body = { request: stranger({ id: "t-forged", writes: [], reads: [] }), flag: "commit" };
    const forged = await postJson(`${coordinatorUrl()}/txn?waitMs=0`, body);
    assert.ok(forged.ok);
    assert.equal(forged.status, 403);
    // Alice's namespace is hers: the default client's key cannot sign an id in it.
    const intruder = openClient({ configFile, name: clientName });
    assert.ok(intruder.ok);
    await assert.rejects(intruder.value.submit(txn("alice/t-stolen"), Date.now() + 5_000), /403/);
  });

  it("answers 409 for a known id with another body, 413 for a big body, 400 for a bad escape", async () => {
    await assert.rejects(client.submit(txn("t1", "other value"), Date.now() + 5_000), /409/);
    const big = await postRaw(coordinatorUrl(), 100 * 1024);
    assert.ok("status" in big, JSON.stringify(big));
    assert.equal(big.status, 413);
    const bad = await getJson(`${coordinatorUrl()}/txn/%E0%A4%A`);
    assert.ok(bad.ok);
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /bad % escape/);
  });

  it("keeps outcomes across a coordinator restart: GET answers, a retry is answered at once, 409 holds", async () => {
    await nodes.get("C")?.close();
    await start("C");
    const looked = await getJson(`${coordinatorUrl()}/txn/t1`);
    assert.ok(looked.ok, looked.ok ? "" : looked.error);
    assert.equal(looked.status, 200);
    assert.equal((looked.body as { status: string }).status, "commit");
    const began = Date.now();
    const again = decidedOf(await client.submit(txn("t1"), Date.now() + 10_000));
    assert.equal(again?.outcome, "commit");
    assert.equal(again?.attempts, 1);
    assert.ok(Date.now() - began < 2_000, `a decided txn waited ${Date.now() - began} ms`);
    await assert.rejects(client.submit(txn("t1", "other value"), Date.now() + 5_000), /409/);
    const fresh = decidedOf(await client.submit(txn("t2"), Date.now() + 20_000));
    assert.equal(fresh?.outcome, "commit");
  });

  it("limits each client's pending txns with 429 and Retry-After, without touching other clients", async () => {
    // With the participants down nothing is decided, so submissions stay pending.
    for (const name of ["P0", "P1", "P2", "P3"]) await nodes.get(name)?.close();
    const sign = (local: string) => ({ request: makeSigner(asNodeId(protocolConfigOf(cluster).participantCount + 1),
      readClientKey())({ id: local, writes: [{ key: "k", value: "v" }], reads: [] }), flag: "commit" });
    const answers = [];
    for (const id of ["p1", "p2", "p3"]) answers.push(await postJson(`${coordinatorUrl()}/txn?waitMs=0`, sign(id)));
    assert.deepEqual(answers.map((a) => (a.ok ? a.status : a.error)), [202, 202, 429]);
    const limited = answers[2];
    assert.ok(limited?.ok && limited.retryAfterSeconds !== null && limited.retryAfterSeconds > 0);
    // A retry of a pending id is not a new admission.
    const retry = await postJson(`${coordinatorUrl()}/txn?waitMs=0`, sign("p1"));
    assert.ok(retry.ok && retry.status === 202);
    const other = await alice.submit(txn(alice.txnId("a-pending")), Date.now() + 300);
    assert.equal(other, null); // admitted (pending, nobody decides), not refused: alice has her own count
    const aliceRecord = await getJson(`${coordinatorUrl()}/txn/alice%2Fa-pending`);
    assert.ok(aliceRecord.ok && aliceRecord.status === 202);
  });

  const readClientKey = (): KeyObject =>
    createPrivateKey(readFileSync(path.join(path.dirname(configFile), "keys", "client.pem"), "utf8"));
});
