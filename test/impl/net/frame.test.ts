/**
 * Framing and message decoding on the wire: examples. frame-fuzz.test.ts holds
 * the properties over arbitrary bytes and chunkings.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import {
  decodeSignedMessage, encodeFrame, encodeMessageFrame, FrameDecoder, frameBytesMax,
} from "../../../impl/net/frame.js";
import { makeSigner, makeVerifier } from "../../../impl/net/signer.js";
import type { SignedMessage } from "../../../spec/messages.js";

const keyPair = generateKeyPairSync("ed25519");
const sign = makeSigner(2, keyPair.privateKey);
const verify = makeVerifier(new Map([[2, keyPair.publicKey]]));
const commit: SignedMessage = sign({ kind: "Commit", view: 1, seq: 3, digest: "abc" });

function header(length: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, length, false);
  return bytes;
}

describe("frame", () => {
  it("carries a signed message end to end: encode, split, decode, verify", () => {
    const wire = encodeMessageFrame(commit);
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(wire.subarray(0, 3)), { frames: [], error: null });
    const { frames, error } = decoder.push(wire.subarray(3));
    assert.equal(error, null);
    assert.equal(frames.length, 1);
    const decoded = decodeSignedMessage(frames[0]!);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, commit);
    assert.equal(verify(decoded.value), true);
  });

  it("returns every frame completed by one chunk, and keeps the partial rest", () => {
    const a = encodeFrame(new Uint8Array([1]));
    const b = encodeFrame(new Uint8Array([]));
    const c = encodeFrame(new Uint8Array([3, 3]));
    const decoder = new FrameDecoder();
    const first = decoder.push(Buffer.concat([a, b, c.subarray(0, 5)]));
    assert.deepEqual(first.frames.map((f) => [...f]), [[1], []]);
    assert.equal(decoder.bufferedBytes, 1);
    assert.deepEqual(decoder.push(c.subarray(5)).frames.map((f) => [...f]), [[3, 3]]);
  });

  it("rejects an oversized length at the header, before buffering, and stays failed", () => {
    const decoder = new FrameDecoder();
    const ok = encodeFrame(new Uint8Array([7]));
    const pushed = decoder.push(Buffer.concat([ok, header(frameBytesMax + 1)]));
    assert.deepEqual(pushed.frames.map((f) => [...f]), [[7]]);
    assert.deepEqual(pushed.error, { kind: "Oversized", length: frameBytesMax + 1 });
    assert.deepEqual(decoder.push(ok), { frames: [], error: { kind: "Oversized", length: frameBytesMax + 1 } });
  });

  it("accepts a frame of exactly frameBytesMax", () => {
    const decoder = new FrameDecoder();
    const { frames, error } = decoder.push(encodeFrame(new Uint8Array(frameBytesMax)));
    assert.equal(error, null);
    assert.equal(frames[0]?.length, frameBytesMax);
    assert.throws(() => encodeFrame(new Uint8Array(frameBytesMax + 1)), RangeError);
  });

  it("takes a driver's own limit (for larger windows than the default fits)", () => {
    const decoder = new FrameDecoder(10);
    assert.equal(decoder.push(encodeFrame(new Uint8Array(10), { payloadBytesMax: 10 })).frames.length, 1);
    assert.deepEqual(decoder.push(encodeFrame(new Uint8Array(11))).error, { kind: "Oversized", length: 11 });
  });

  it("decodes bad payloads to one-line errors", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array([0xff, 0xfe]), /^not UTF-8 JSON: /],
      [text("{"), /^not UTF-8 JSON: /],
      [text("[]"), /^Expected object, got \[\]$/],
      [text(JSON.stringify({ ...commit, signer: "2" })), /^signer: Expected number, got "2"$/],
      [text(JSON.stringify({ ...commit, body: { ...commit.body, kind: "Bogus" } })), /^body(\.kind)?: .*"Bogus"/],
      [text("[".repeat(200_000)), /^not UTF-8 JSON: /],
      // Valid JSON nested deep enough to overflow a recursive decoder.
      [text(`${"[".repeat(200_000)}${"]".repeat(200_000)}`), /^JSON nested deeper than 32$/],
    ];
    for (const [bytes, expected] of cases) {
      const decoded = decodeSignedMessage(bytes);
      assert.ok(!decoded.ok);
      assert.match(decoded.error, expected);
      assert.ok(!decoded.error.includes("\n"));
    }
  });

  it("accepts the deepest message the protocol sends (depth limit has headroom)", () => {
    const request = sign({ id: "t1", writes: [{ key: "k", value: "v" }], reads: [] });
    const prePrepare = sign(
      { kind: "PrePrepare", view: 0, seq: 1, digest: "d", proposal: { request, flag: "commit" } } as const);
    const prepares = [sign({ kind: "Prepare", view: 0, seq: 1, digest: "d" } as const)];
    const viewChange = sign({ kind: "ViewChange", view: 1, stableSeq: 0, checkpointProof: [],
      prepared: [{ prePrepare, prepares }], pending: [request] } as const);
    const newView: SignedMessage =
      sign({ kind: "NewView", view: 1, viewChanges: [viewChange], prePrepares: [] } as const);
    const decoded = decodeSignedMessage(encodeMessageFrame(newView).subarray(4));
    assert.ok(decoded.ok, decoded.ok ? "" : decoded.error);
    assert.deepEqual(decoded.value, newView);
  });
});
