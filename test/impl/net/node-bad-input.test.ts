/**
 * A node under hostile bytes (issue 7, item 5): garbage, truncated, oversized
 * and replayed frames, unknown senders and forged signatures are rejected —
 * with a suspicion recorded and the connection dropped where the stream or the
 * sender cannot be trusted any more — and the node neither crashes nor stops
 * serving honest peers. The node runs in this process; the "peers" are raw sockets.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { encodeFrame, encodeMessageFrame } from "../../../impl/net/frame.js";
import { getJson } from "../../../impl/net/http-json.js";
import { keyDirOf, loadPrivateKey } from "../../../impl/net/keys.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { makeSigner, type Sign } from "../../../impl/net/signer.js";
import type { ClusterConfig } from "../../../impl/net/cluster-config.js";
import type { FaultyEntry } from "../../../impl/net/faulty-list.js";
import { RawPeer } from "./fixtures/raw-peer.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const prepare = { kind: "Prepare" as const, view: asView(0), seq: asSeq(1), digest: asDigest("d".repeat(64)) };

describe("node under bad input", function () {
  this.timeout(30_000);
  const freshDir = temporaryDirs("bad-input");
  let node: RunningNode;
  let cluster: ClusterConfig;
  let signAs: (name: string) => Sign;
  let port: number;

  before(async () => {
    const dir = freshDir();
    const files = await writeClusterFiles(dir, {
      n: 4, f: 1, tickMs: 100, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 40, relay: false,
    });
    assert.ok(files.ok);
    cluster = files.value.cluster;
    const configFile = files.value.configFile;
    signAs = (name) => {
      const key = loadPrivateKey(keyDirOf(configFile, cluster), name);
      assert.ok(key.ok);
      return makeSigner(asNodeId(name === "C" ? 4 : Number(name.slice(1))), key.value);
    };
    const started = await startNode({ configFile, name: "P0", behaviour: "honest", logFile: null });
    assert.ok(started.ok, started.ok ? "" : started.error);
    node = started.value;
    port = cluster.nodes[0]?.port ?? 0;
  });

  after(async () => node?.close());

  const faulty = async (): Promise<FaultyEntry[]> => {
    const response = await getJson(`${node.httpUrl}/faulty?scope=local`);
    assert.ok(response.ok);
    return (response.body as { faulty: FaultyEntry[] }).faulty;
  };
  const held = async (nodeName: string, reason: string): Promise<FaultyEntry | undefined> =>
    (await faulty()).find((e) => e.node === nodeName && e.reason === reason);
  const received = async (): Promise<number> => {
    const response = await getJson(`${node.httpUrl}/metrics`);
    assert.ok(response.ok);
    return Number(/byzcommit_messages_received_total\{kind="Prepare"\} (\d+)/.exec(response.text)?.[1] ?? 0);
  };

  it("drops a connection that sends garbage instead of a hello, suspecting no one by name", async () => {
    const peer = await RawPeer.connect(port);
    peer.write(encodeFrame(Buffer.from("\u0000\u00ff not json")));
    assert.ok(await peer.closedWithin(2_000));
    assert.equal((await held("unknown", "transport:handshake"))?.grade, "suspected");
  });

  it("rejects a hello replayed from another connection, and one from an unknown sender", async () => {
    const first = await RawPeer.connect(port);
    const second = await RawPeer.connect(port);
    second.hello(1, signAs("P1"), first.challenge.nonce); // a valid P1 signature, for the wrong challenge
    assert.ok(await second.closedWithin(2_000));
    first.end();
    const stranger = await RawPeer.connect(port);
    const { privateKey } = generateKeyPairSync("ed25519");
    stranger.hello(9, makeSigner(asNodeId(9), privateKey));
    assert.ok(await stranger.closedWithin(2_000));
    const forger = await RawPeer.connect(port);
    forger.hello(2, makeSigner(asNodeId(2), privateKey)); // claims P2 with the wrong key
    assert.ok(await forger.closedWithin(2_000));
    assert.ok(((await held("unknown", "transport:handshake"))?.count ?? 0) >= 3);
  });

  it("drops an authenticated peer that sends an oversized header, a garbage frame " +
    "or another signer's message", async () => {
    const oversized = await RawPeer.connect(port);
    oversized.hello(1, signAs("P1"));
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, 64 * 1024 * 1024, false);
    oversized.write(header);
    assert.ok(await oversized.closedWithin(2_000));
    assert.ok(await held("P1", "transport:oversized"));

    const garbage = await RawPeer.connect(port);
    garbage.hello(1, signAs("P1"));
    garbage.write(encodeFrame(Buffer.from('{"body":{"kind":"Prepare","view":"zero"}}')));
    assert.ok(await garbage.closedWithin(2_000));
    assert.ok(await held("P1", "transport:garbage"));

    const relayer = await RawPeer.connect(port);
    relayer.hello(1, signAs("P1"));
    relayer.write(encodeMessageFrame(signAs("P2")(prepare))); // P2's message on P1's connection
    assert.ok(await relayer.closedWithin(2_000));
    assert.ok(await held("P1", "transport:wrong-signer"));
  });

  it("survives a truncated frame and keeps serving a silent connection's neighbours", async () => {
    const silent = await RawPeer.connect(port); // never answers: must not block anyone else
    const truncated = await RawPeer.connect(port);
    truncated.hello(1, signAs("P1"));
    truncated.write(encodeMessageFrame(signAs("P1")(prepare)).slice(0, 20));
    truncated.end();
    const before = await received();
    const honest = await RawPeer.connect(port);
    honest.hello(1, signAs("P1"));
    honest.write(encodeMessageFrame(signAs("P1")(prepare)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await received(), before + 1);
    assert.equal(await honest.closedWithin(100), false);
    honest.end();
    silent.end();
  });

  it("hands a forged signature to the core, which suspects the claimed signer, " +
    "and ignores a replayed frame", async () => {
    const peer = await RawPeer.connect(port);
    peer.hello(3, signAs("P3"));
    const genuine = signAs("P3")({ ...prepare, seq: asSeq(2) });
    const forged = { ...genuine, body: { ...genuine.body, digest: asDigest("e".repeat(64)) } };
    peer.write(encodeMessageFrame(forged));
    peer.write(encodeMessageFrame(genuine));
    peer.write(encodeMessageFrame(genuine)); // replayed: logged once, no proof against anyone
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await held("P3", "bad-signature"))?.grade, "suspected");
    assert.equal((await faulty()).filter((e) => e.grade === "proven").length, 0);
    const state = node.state();
    assert.ok(state.role === "participant");
    const slot = state.slots.find((s) => s.seq === 2);
    assert.equal(slot?.prepares.filter((v) => v !== null).length, 1);
    assert.equal(await peer.closedWithin(100), false); // the signer, not the link, is suspect
    peer.end();
  });

  it("is still alive and answering", async () => {
    const status = await getJson(`${node.httpUrl}/status`);
    assert.ok(status.ok && status.status === 200);
    assert.equal((status.body as { node: string }).node, "P0");
  });
});
