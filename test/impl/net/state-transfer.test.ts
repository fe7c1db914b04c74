/**
 * Chunked state transfer between in-memory participants (no sockets): P0 fetches a
 * replica of many chunks whose manifest came from P1, from P1, P2 and P3, checks each
 * chunk, and hands the core the STATE-REPLY P1 signed, verifiable as it was signed.
 * A peer that answers with a wrong chunk or none only moves that chunk on to the next.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import type { NodeId, ReplicaData, Signed, StateReply } from "../../../spec/messages.js";
import type { StateManifest, TransferMessage } from "../../../spec/transfer-messages.js";
import { decodePeerFrame } from "../../../impl/net/peer-frame.js";
import { makeSigner, makeVerifier } from "../../../impl/net/signer.js";
import { StateTransferFetch } from "../../../impl/net/state-transfer-fetch.js";
import { StateTransferSend } from "../../../impl/net/state-transfer-send.js";
import { frameBytesMax, tryEncodeMessageFrame } from "../../../impl/net/frame.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";
import type { Seq } from "../../../spec/ids.js";

const keys = [0, 1, 2, 3].map(() => generateKeyPairSync("ed25519"));
const verify = makeVerifier(new Map(keys.map((pair, id) => [asNodeId(id), pair.publicKey])));
const pad = (i: number): string => String(i).padStart(3, "0");
const replica: ReplicaData = {
  entries: Array.from({ length: 64 }, (_, i) => ({ key: `k${pad(i)}`, value: "v".repeat(60_000), version: 1 })),
  outcomes: Array.from({ length: 64 }, (_, i) => ({ txn: `t${pad(i)}`, outcome: "commit" as const, seq: asSeq(i + 1)
          })),
};
const reply: StateReply = { kind: "StateReply", seq: asSeq(64), replica, proof: [] };

type Behaviour = "honest" | "wrong" | "empty";

/** A chunk whose content no longer matches the digest it is sent under. */
function corrupted(frame: Uint8Array): Uint8Array {
  const decoded = decodePeerFrame(frame.subarray(4));
  if (!decoded.ok || decoded.value.kind !== "transfer") return frame;
  const message = decoded.value.message;
  if (message.kind !== "StateChunk" || message.chunk === null) return frame;
  const bad = tryEncodeMessageFrame({ ...message, chunk: { entries: message.chunk.entries.slice(1), outcomes: [] } });
  return bad.ok ? bad.frame : frame;
}

/** Four participants; P0 fetches. Frames go through a queue, decoded as the transport would. */
function network(behaviours: Record<number, Behaviour>) {
  const queue: [NodeId, NodeId, Uint8Array][] = [];
  const delivered: Signed<StateReply>[] = [];
  const servers = new Map<NodeId, StateTransferSend>();
  const logged: ((event: string, fields: Record<string, unknown>) => void)[] = [];
  const fetch = new StateTransferFetch({
    peers: [asNodeId(1), asNodeId(2), asNodeId(3)], send: (to, frame) => queue.push([asNodeId(0), to,
          frame]), deliver: (_, m) => delivered.push(m),
    lastExecuted: () => 0, now: () => 0,
    log: (event, fields) => { for (const listen of logged) listen(event, fields); },
  });
  for (const id of [1, 2, 3]) {
    const behaviour = behaviours[id] ?? "honest";
    servers.set(asNodeId(id), new StateTransferSend({
      send: (to, frame) => queue.push([asNodeId(id), to, behaviour === "wrong" ? corrupted(frame) : frame]),
      unsendable: () => assert.fail("unsendable"),
      snapshot: () => (behaviour === "empty" ? null : replica),
    }));
  }
  const route = (from: NodeId, to: NodeId, frame: Uint8Array): void => {
    assert.ok(frame.length <= frameBytesMax + 4);
    const decoded = decodePeerFrame(frame.subarray(4));
    assert.ok(decoded.ok && decoded.value.kind === "transfer");
    const message: TransferMessage = decoded.value.message;
    if (message.kind === "StateManifest") fetch.onManifest(from, message);
    else if (message.kind === "StateChunk") fetch.onChunk(from, message);
    else if (message.kind === "StateChunkRequest") servers.get(to)?.onChunkRequest(from, message);
    else assert.fail(`state transfer sent a ${message.kind}`);
  };
  const settle = (): void => {
    for (let hop = 0; queue.length > 0 && hop < 10_000; hop++) {
      route(...(queue.shift() as [NodeId, NodeId, Uint8Array]));
    }
  };
  return { fetch, servers, delivered, settle, logged };
}

describe("chunked state transfer", () => {
  const signed = makeSigner(asNodeId(1), keys[1]!.privateKey)(reply) as Signed<StateReply>;

  it("reassembles the signed STATE-REPLY from chunks served by several peers", () => {
    const net = network({});
    let served = 0;
    for (const [id, server] of net.servers) {
      const inner = server.onChunkRequest.bind(server);
      server.onChunkRequest = (from, request) => { if (id !== 1) served++; inner(from, request); };
    }
    net.servers.get(asNodeId(1))?.offer(asNodeId(0), signed);
    net.settle();
    assert.equal(net.delivered.length, 1);
    assert.deepEqual(net.delivered[0]?.body, reply);
    assert.equal(verify(net.delivered[0] as Signed<StateReply>), true);
    assert.ok(served > 0, "every chunk came from the replier");
  });

  it("moves a chunk on when a peer answers wrongly or not at all", () => {
    const net = network({ 2: "wrong", 3: "empty" });
    const bad: NodeId[] = [];
    net.logged.push((event, fields) => { if (event === "transfer-bad-chunk") bad.push(fields["from"] as NodeId); });
    net.servers.get(asNodeId(1))?.offer(asNodeId(0), signed);
    net.settle();
    assert.ok(bad.length > 0 && bad.every((from) => from === 2), JSON.stringify(bad));
    assert.equal(net.delivered.length, 1);
    assert.deepEqual(net.delivered[0]?.body.replica, replica);
  });

  it("ignores a manifest relayed by someone other than its signer", () => {
    const net = network({});
    net.servers.get(asNodeId(2))?.offer(asNodeId(0), signed); // P2 forwards P1's reply
    net.settle();
    assert.equal(net.fetch.active, 0);
    assert.deepEqual(net.delivered, []);
  });

  it("keeps one fetch per replier, so a faulty one cannot crowd out the others", () => {
    const net = network({});
    const manifest = (signer: NodeId, seq: Seq, signature: string): StateManifest =>
      ({ kind: "StateManifest", seq: asSeq(seq), proof: [], signer, signature, chunkDigests: [asDigest("d0"),
              asDigest("d1")] });
    net.fetch.onManifest(asNodeId(2), manifest(asNodeId(2), asSeq(64), "a"));
    for (let seq = 64; seq < 100; seq++) net.fetch.onManifest(asNodeId(3), manifest(asNodeId(3), asSeq(seq),
          `s${seq}`));
    net.fetch.onManifest(asNodeId(3), manifest(asNodeId(3), asSeq(70), "older"));
    assert.equal(net.fetch.active, 2);
  });
});
