/**
 * Properties of the frame decoder over arbitrary bytes and chunkings. The
 * decoder reads a Byzantine peer's stream, so it must never throw, never hand
 * out a frame above frameBytesMax, and its output must not depend on how TCP
 * happened to split the stream.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeSignedMessage, encodeFrame, FrameDecoder, frameBytesMax, type FrameError,
} from "../../../impl/net/frame.js";

/** Feeds `stream` cut at `cuts` (positions, any order, duplicates allowed). */
function decodeChunked(
  stream: Uint8Array, cuts: readonly number[],
): { frames: Uint8Array[]; error: FrameError | null } {
  const decoder = new FrameDecoder();
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const frames: Uint8Array[] = [];
  let error: FrameError | null = null;
  let from = 0;
  for (const to of [...points, stream.length]) {
    const pushed = decoder.push(stream.subarray(from, to));
    frames.push(...pushed.frames);
    error ??= pushed.error;
    from = to;
  }
  return { frames, error };
}

const concat = (parts: readonly Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const payload = fc.uint8Array({ maxLength: 64 });
/** A bare length header around the limit, so the oversized check is hit from both sides. */
const edgeHeader = fc.constantFrom(frameBytesMax - 1, frameBytesMax, frameBytesMax + 1, 0xffffffff).map((length) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, length, false);
  return bytes;
});
/** Streams that look like traffic: valid frames mixed with garbage, so headers are often plausible. */
const noisyStream = fc.array(
  fc.oneof({ arbitrary: payload.map((p) => encodeFrame(p)), weight: 4 }, fc.uint8Array({ maxLength: 12 }), edgeHeader),
  { maxLength: 12 },
).map(concat);
const cuts = fc.array(fc.nat(), { maxLength: 16 });

describe("frame decoder (fuzz)", () => {
  it("never throws and never returns a frame above frameBytesMax, on arbitrary bytes", () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 256 }), noisyStream), cuts, (stream, at) => {
      const { frames } = decodeChunked(stream, at);
      for (const frame of frames) assert.ok(frame.length <= frameBytesMax);
    }), { numRuns: 2000 });
  });

  it("gives the same frames and error for every chunking of a stream", () => {
    fc.assert(fc.property(noisyStream, cuts, (stream, at) => {
      assert.deepEqual(decodeChunked(stream, at), decodeChunked(stream, []));
    }), { numRuns: 1000 });
  });

  it("round-trips valid frames split at every position", () => {
    fc.assert(fc.property(fc.array(payload, { maxLength: 5 }), (payloads) => {
      const stream = concat(payloads.map((p) => encodeFrame(p)));
      for (let at = 0; at <= stream.length; at += 1) {
        const { frames, error } = decodeChunked(stream, [at]);
        assert.equal(error, null);
        assert.deepEqual(frames.map((f) => [...f]), payloads.map((p) => [...p]));
      }
    }), { numRuns: 200 });
  });

  it("round-trips valid frames fed one byte at a time", () => {
    fc.assert(fc.property(fc.array(payload, { maxLength: 5 }), (payloads) => {
      const stream = concat(payloads.map((p) => encodeFrame(p)));
      const { frames } = decodeChunked(stream, Array.from(stream.keys()));
      assert.deepEqual(frames.map((f) => [...f]), payloads.map((p) => [...p]));
    }), { numRuns: 200 });
  });

  it("decodeSignedMessage never throws, on arbitrary bytes or arbitrary JSON", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
      assert.equal(typeof decodeSignedMessage(bytes).ok, "boolean");
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const decoded = decodeSignedMessage(new TextEncoder().encode(JSON.stringify(value)));
      if (!decoded.ok) assert.ok(!decoded.error.includes("\n"));
    }), { numRuns: 2000 });
  });
});
