/**
 * Big VIEW-CHANGEs and NEW-VIEWs (impl/net/message-fragments.ts): a message over
 * the frame limit goes as fragments, each inside a frame, and comes out of a real
 * listener whole and equal; the assembler abandons a broken sequence, drops a
 * peer that breaks the bounds or the digest, and holds at most one message per
 * peer. The size case is the largest window the docs name (W = 1032) at n = 7
 * with the cluster workload's txns: a NEW-VIEW of 2f+1 VIEW-CHANGEs that each
 * carry W prepared certificates.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { canonicalJson } from "../../../spec/canonical.js";
import type {
  NewView, PreparedCertificate, PrePrepare, Signed, SignedMessage, ViewChange,
} from "../../../spec/messages.js";
import type { MessageFragment } from "../../../spec/transfer-messages.js";
import { freePorts, loopback } from "../../../impl/net/cluster/free-ports.js";
import { makeTxn } from "../../../impl/net/cluster/workload.js";
import { frameBytesMax } from "../../../impl/net/frame.js";
import { listenInbound } from "../../../impl/net/inbound.js";
import {
  FragmentAssembler, fragmentDataBytes, fragmentedBytesMax, fragmentPayload,
} from "../../../impl/net/message-fragments.js";
import { cachedVerifier } from "../../../impl/net/node-env.js";
import { decodePeerFrame } from "../../../impl/net/peer-frame.js";
import { makeSigner } from "../../../impl/net/signer.js";
import { makeSigningCache } from "../../../impl/net/signing-cache.js";
import type { TransportSuspicion } from "../../../impl/net/transport-events.js";
import { RawPeer } from "./fixtures/raw-peer.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { NodeId, Seq } from "../../../spec/ids.js";

/** An Ed25519 signature's size in base64, and a digest's in hex: the sizes the real ones have. */
const signature = "s".repeat(88);
const digest = (seq: Seq): string => seq.toString(16).padStart(64, "0");

/** A prepared certificate as big as a real one at quorum `q`: C's pre-prepare of a workload txn, q prepares. */
function certificate(seq: Seq, q: number, clientId: number, coordinator: number): PreparedCertificate {
  const txn = makeTxn(seq);
  const prePrepare: PrePrepare = {
    kind: "PrePrepare", view: asView(0), seq: asSeq(seq), digest: asDigest(digest(seq)),
    proposal: { request: { body: { id: txn.id, writes: txn.writes, reads: txn.reads }, signer: asNodeId(clientId),
          signature },
      flag: txn.flag },
  };
  return {
    prePrepare: { body: prePrepare, signer: asNodeId(coordinator), signature },
    prepares: Array.from({ length: q }, (_, signer) => ({
      body: { kind: "Prepare", view: asView(0), seq, digest: asDigest(digest(seq))
          }, signer: asNodeId(signer), signature,
    })),
  };
}

/** The NEW-VIEW for view 1 after every seq of a window of `w` prepared in view 0, at n = 3f+1. */
function bigNewView(n: number, f: number, w: number): NewView {
  const q = 2 * f + 1;
  const certificates = Array.from({ length: w }, (_, i) => certificate(asSeq(i + 1), q, n + 1, n));
  const viewChange = (signer: NodeId): Signed<ViewChange> => ({
    body: { kind: "ViewChange", view: asView(1), stableSeq: asSeq(0), checkpointProof: [], prepared: certificates,
        pending: [] },
    signer: asNodeId(signer), signature,
  });
  return {
    kind: "NewView", view: asView(1), viewChanges: Array.from({ length: q }, (_, i) => viewChange(asNodeId(i))),
    prePrepares: certificates.map((c) => ({ ...c.prePrepare.body, view: asView(1) })),
  };
}

const fragmentOf = (frame: Uint8Array): MessageFragment => {
  const decoded = decodePeerFrame(frame.subarray(4));
  assert.ok(decoded.ok && decoded.value.kind === "transfer" && decoded.value.message.kind === "MessageFragment");
  return decoded.value.message;
};

describe("message fragments", function () {
  this.timeout(60_000);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const signAsP0 = makeSigner(asNodeId(0), privateKey);

  it("sends the NEW-VIEW of n = 7, W = 1032 as fragments inside frames, under the fragmented limit", () => {
    const encoded = makeSigningCache(signAsP0)(bigNewView(7, 2, 1032));
    const bytes = Buffer.byteLength(canonicalJson(encoded.signed), "utf8");
    assert.ok(bytes > 4 * frameBytesMax, `only ${bytes} bytes`);
    assert.ok(bytes <= fragmentedBytesMax, `${bytes} bytes`);
    assert.equal(encoded.unsendable, null);
    assert.equal(encoded.frames?.length, Math.ceil(bytes / fragmentDataBytes));
    for (const frame of encoded.frames ?? []) assert.ok(frame.length <= frameBytesMax + 4);
  });

  it("joins fragments in order into the exact payload, and abandons a sequence with a gap", () => {
    const payload = Buffer.from("x".repeat(3 * fragmentDataBytes + 17));
    const fragmented = fragmentPayload(payload);
    assert.ok(fragmented.ok);
    const fragments = fragmented.frames.map(fragmentOf);
    assert.equal(fragments.length, 4);
    const assembler = new FragmentAssembler();
    const steps = fragments.map((fragment) => assembler.push(fragment).kind);
    assert.deepEqual(steps, ["more", "more", "more", "complete"]);
    const gap = new FragmentAssembler();
    assert.equal(gap.push(fragments[0] as MessageFragment).kind, "more");
    assert.equal(gap.push(fragments[2] as MessageFragment).kind, "abandoned");
    assert.equal(gap.heldBytes, 0);
    assert.deepEqual(fragments.map((fragment) => gap.push(fragment).kind), ["more", "more", "more", "complete"]);
  });

  it("treats out-of-bounds fragments and a digest mismatch as the sender's fault", () => {
    const fragmented = fragmentPayload(Buffer.from("y".repeat(fragmentDataBytes + 1)));
    assert.ok(fragmented.ok);
    const [first, second] = fragmented.frames.map(fragmentOf) as [MessageFragment, MessageFragment];
    const small = new FragmentAssembler(fragmentDataBytes);
    assert.equal(small.push(first).kind, "bad"); // announces more than this assembler may hold
    const tampered = new FragmentAssembler();
    tampered.push(first);
    assert.equal(tampered.push({ ...second, data: Buffer.from("z").toString("base64") }).kind, "bad");
    const oversized = { ...first, data: Buffer.alloc(fragmentDataBytes + 1).toString("base64") };
    assert.equal(new FragmentAssembler().push(oversized).kind, "bad");
  });

  it("delivers a fragmented NEW-VIEW through a real listener, whole and equal, without dropping the link",
    async () => {
      const [port] = await freePorts(1);
      const received: SignedMessage[] = [];
      const suspicions: TransportSuspicion[] = [];
      const inbound = await listenInbound({
        host: loopback, port: port ?? 0, self: asNodeId(1), peers: 8, isPeer: (id) => id === 0,
        verify: cachedVerifier(new Map([[asNodeId(0), publicKey]])), frameBytesMax,
        events: {
          onMessage: (_, message) => { received.push(message); return true; },
          onTransfer: () => assert.fail("a fragment reached the state transfer"),
          onSuspicion: (suspicion) => suspicions.push(suspicion), onLink: () => undefined,
        },
      });
      const peer = await RawPeer.connect(port ?? 0);
      try {
        peer.hello(0, signAsP0);
        const encoded = makeSigningCache(signAsP0)(bigNewView(7, 2, 256));
        assert.ok((encoded.frames?.length ?? 0) > 1);
        for (const frame of encoded.frames ?? []) peer.write(frame);
        const deadline = Date.now() + 30_000;
        while (received.length === 0 && suspicions.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(suspicions, []);
        assert.equal(received.length, 1);
        assert.equal(canonicalJson(received[0]), canonicalJson(encoded.signed));
        assert.equal(await peer.closedWithin(200), false);
      } finally {
        peer.end();
        await inbound.close();
      }
    });
});
