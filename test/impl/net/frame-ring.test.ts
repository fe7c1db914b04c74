/** A peer link's ring of recent frames (impl/net/frame-ring.ts): bounded, and pruned below the low watermark. */
import assert from "node:assert/strict";
import { FrameRing } from "../../../impl/net/frame-ring.js";

const frame = (byte: number, bytes = 10): Uint8Array => new Uint8Array(bytes).fill(byte);

describe("frame ring", () => {
  it("drops frames for seqs below the watermark once it moves, keeping unmarked ones and the rest in order", () => {
    const ring = new FrameRing(1_024, 1_000_000);
    for (let seq = 1; seq <= 10; seq++) ring.push(frame(seq), seq, 0);
    ring.push(frame(99), null, 0);
    ring.push(frame(11), 11, 6); // a stable checkpoint at 6
    assert.deepEqual(ring.frames().map((f) => f[0]), [6, 7, 8, 9, 10, 99, 11]);
    assert.equal(ring.bytes, 70);
  });

  it("keeps at most its frames and bytes, oldest out first", () => {
    const ring = new FrameRing(3, 25);
    for (let i = 0; i < 5; i++) ring.push(frame(i), null, 0);
    assert.deepEqual(ring.frames().map((f) => f[0]), [3, 4]);
    ring.push(frame(7, 2), 7, 0);
    assert.deepEqual(ring.frames().map((f) => f[0]), [3, 4, 7]);
  });

  it("holds a window's frames over a long run instead of filling to its count bound", () => {
    const ring = new FrameRing(1_024, 32 * 2 ** 20);
    const lengths: number[] = [];
    for (let seq = 1; seq <= 5_000; seq++) {
      ring.push(frame(seq % 256, 3_000), seq, Math.max(0, seq - 128 - (seq % 4)));
      lengths.push(ring.length);
    }
    assert.ok(Math.max(...lengths) <= 132, `held up to ${Math.max(...lengths)} frames`);
  });
});
