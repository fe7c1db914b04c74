/**
 * The transport's closed edges (issue 15, part 5), against one real node in
 * this process, on loopback only, every socket closed by the test: a flood of
 * connections that never say hello is capped; a stranger's frame header above
 * the pre-handshake limit is refused before its payload; an authenticated peer
 * streaming large schema-valid frames spends its budget and loses its link; and
 * /metrics counts the rejected frames and the bytes.
 */
import assert from "node:assert/strict";
import net from "node:net";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import {
  CostBudget, costlyFrameBytes, costlyFramesMax, transferCpuMsMax, transferCpuShare,
} from "../../../impl/net/cost-budget.js";
import { encodeFrame, encodeMessageFrame } from "../../../impl/net/frame.js";
import { helloBytesMax } from "../../../impl/net/handshake.js";
import { getJson } from "../../../impl/net/http-json.js";
import { pendingConnectionsMax } from "../../../impl/net/inbound.js";
import { keyDirOf, loadPrivateKey } from "../../../impl/net/keys.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { makeSigner, type Sign } from "../../../impl/net/signer.js";
import { RawPeer } from "./fixtures/raw-peer.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

/** Opens a plain connection; resolves with whether the node closed it within `ms`. */
function connectAndWatch(port: number, ms: number, first?: Uint8Array):
  Promise<{ socket: net.Socket; closed: Promise<boolean> }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.on("error", () => undefined);
    socket.resume(); // read (and drop) the challenge, so the end of the stream is seen
    const closed = new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), ms);
      socket.once("close", () => { clearTimeout(timer); done(true); });
    });
    socket.once("connect", () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, closed });
    });
  });
}

describe("edge limits", function () {
  this.timeout(30_000);
  const freshDir = temporaryDirs("edges");
  let node: RunningNode;
  let port: number;
  let signAsP1: Sign;
  let signAsP2: Sign;

  before(async () => {
    const files = await writeClusterFiles(freshDir(),
      { n: 4, f: 1, tickMs: 100, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 40, relay: false });
    assert.ok(files.ok);
    const key = loadPrivateKey(keyDirOf(files.value.configFile, files.value.cluster), "P1");
    assert.ok(key.ok);
    signAsP1 = makeSigner(asNodeId(1), key.value);
    const keyP2 = loadPrivateKey(keyDirOf(files.value.configFile, files.value.cluster), "P2");
    assert.ok(keyP2.ok);
    signAsP2 = makeSigner(asNodeId(2), keyP2.value);
    const configFile = files.value.configFile;
    const started = await startNode({ configFile, name: "P0", behaviour: "honest", logFile: null });
    assert.ok(started.ok, started.ok ? "" : started.error);
    node = started.value;
    port = files.value.cluster.nodes[0]?.port ?? 0;
  });

  after(async () => node?.close());

  const metric = async (pattern: RegExp): Promise<number> => {
    const response = await getJson(`${node.httpUrl}/metrics`);
    assert.ok(response.ok);
    return Number(pattern.exec(response.text)?.[1] ?? 0);
  };

  it("caps connections that have not completed the handshake", async () => {
    const opened = await Promise.all(Array.from({ length: 60 }, () => connectAndWatch(port, 1_000)));
    const closed = await Promise.all(opened.map((o) => o.closed));
    const open = closed.filter((c) => !c).length;
    assert.ok(open <= pendingConnectionsMax, `${open} connections stayed open`);
    assert.ok(open > 0, "the cap refused every connection");
    for (const o of opened) o.socket.destroy();
    const refused = await metric(/byzcommit_connections_dropped_total\{fault="capacity"\} (\d+)/);
    assert.ok(refused >= 60 - pendingConnectionsMax);
  });

  it("refuses a stranger's frame header above the pre-handshake limit before reading its payload", async () => {
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, helloBytesMax + 1, false);
    const watched = await Promise.all(Array.from({ length: 10 }, () => connectAndWatch(port, 2_000, header)));
    assert.deepEqual(await Promise.all(watched.map((w) => w.closed)), Array(10).fill(true));
    assert.ok(await metric(/byzcommit_frames_rejected_total\{fault="oversized"\} (\d+)/) >= 10);
  });

  it("drops an authenticated peer whose large frames spend its budget, and suspects it", async () => {
    const peer = await RawPeer.connect(port);
    peer.hello(1, signAsP1);
    // Schema-valid, correctly signed by P1, and costly: a PREPARE with a digest of costlyFrameBytes characters.
    const costly = {
      kind: "Prepare" as const, view: asView(0), seq: asSeq(3), digest: asDigest("d".repeat(costlyFrameBytes)),
    };
    const big = encodeMessageFrame(signAsP1(costly));
    for (let i = 0; i <= costlyFramesMax + 1 && !peer.socket.destroyed; i++) peer.write(big);
    assert.ok(await peer.closedWithin(5_000), "the costly peer kept its link");
    const faulty = await getJson(`${node.httpUrl}/faulty?scope=local`);
    assert.ok(faulty.ok);
    assert.match(JSON.stringify(faulty.body), /"node":"P1"[^}]*transport:costly/);
    assert.ok(await metric(/byzcommit_frames_rejected_total\{fault="costly"\} (\d+)/) >= 1);
    // The budget is the peer's, not the connection's: reconnecting does not refill it.
    const again = await RawPeer.connect(port);
    again.hello(1, signAsP1);
    again.write(big);
    assert.ok(await again.closedWithin(5_000), "a reconnection refilled the budget");
  });

  it("lets a peer send many large state-transfer chunks: they are charged decode CPU only", async () => {
    const peer = await RawPeer.connect(port);
    peer.hello(2, signAsP2);
    // Unasked and useless to P0 (it ignores them), but each is cheap to decode, as honest chunks are.
    const entry = { key: "k0", value: "v".repeat(costlyFrameBytes), version: 1 };
    const chunk = {
      kind: "StateChunk", seq: 8, index: 0, digest: "0".repeat(64), chunk: { entries: [entry], outcomes: [] },
    };
    const frame = encodeFrame(Buffer.from(JSON.stringify(chunk), "utf8"));
    for (let i = 0; i < 3 * costlyFramesMax; i++) peer.write(frame);
    assert.equal(await peer.closedWithin(2_000), false, "large transfer chunks spent the costly-frame budget");
    peer.socket.destroy();
  });

  it("charges transfer frames against a CPU share, not the costly-frame count", () => {
    const budget = new CostBudget();
    for (let i = 0; i < 10 * costlyFramesMax; i++) {
      assert.equal(budget.chargeTransfer(costlyFrameBytes * 2, 1, 0), null);
    }
    assert.notEqual(budget.chargeTransfer(1000, transferCpuMsMax, 0), null);
    const later = new CostBudget();
    assert.equal(later.chargeTransfer(1000, transferCpuMsMax, 0), null);
    // Sustained: refilled at transferCpuShare of wall time.
    assert.equal(later.chargeTransfer(1000, 1_000 * transferCpuShare, 1_000), null);
    assert.notEqual(later.chargeTransfer(1000, 1_000 * transferCpuShare + 1, 2_000), null);
  });

  it("exposes process_* series and byte counters", async () => {
    assert.ok(await metric(/process_resident_memory_bytes (\d+)/) > 0);
    // The heap V8 holds and the memory outside it: what tells a growing RSS apart (bench/soak.bench.ts).
    assert.ok(await metric(/nodejs_heap_size_total_bytes (\d+)/) >= await metric(/process_heap_bytes (\d+)/));
    assert.ok(await metric(/nodejs_external_memory_bytes (\d+)/) > 0);
    assert.ok(await metric(/process_cpu_user_seconds_total ([\d.]+)/) > 0);
    assert.ok(await metric(/byzcommit_bytes_received_total\{channel="peer"\} (\d+)/) > costlyFrameBytes);
    assert.ok(await metric(/byzcommit_bytes_received_total\{channel="http"\} (\d+)/) >= 0);
  });
});
