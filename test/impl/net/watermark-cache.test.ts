/** The watermark cache (impl/net/watermark-cache.ts): bounded in entries and size, pruned below the low watermark. */
import assert from "node:assert/strict";
import { WatermarkCache } from "../../../impl/net/watermark-cache.js";

describe("watermark cache", () => {
  it("drops entries marked below the low watermark once it moves, keeps those at or above it and unmarked ones", () => {
    let h = 0;
    const cache = new WatermarkCache<string>(1_000, 1_000_000, () => h);
    for (let seq = 1; seq <= 20; seq++) cache.set(`m${seq}`, `v${seq}`, 10, seq);
    cache.set("txn", "body", 10, null);
    assert.equal(cache.count, 21);
    h = 12; // a stable checkpoint at 12: pruned on the next insert
    cache.set("m21", "v21", 10, 21);
    assert.equal(cache.get("m11"), undefined);
    assert.equal(cache.get("m12"), "v12", "the stable checkpoint's own seq stays (it is re-announced)");
    assert.equal(cache.get("txn"), "body");
    assert.equal(cache.count, 11);
    assert.equal(cache.size, 110);
  });

  it("stays within its entry and size bounds, oldest out first, whatever the watermark does", () => {
    const cache = new WatermarkCache<number>(4, 35, () => 0);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i, 10, i % 2 === 0 ? i : null);
    assert.equal(cache.count, 3);
    assert.equal(cache.size, 30);
    assert.deepEqual([7, 8, 9].map((i) => cache.get(`k${i}`)), [7, 8, 9]);
    cache.set("k9", 99, 5, 9); // a replaced entry counts once, at its new size
    assert.equal(cache.size, 25);
    assert.equal(cache.get("k9"), 99);
  });

  it("holds a steady size over a long run when the watermark follows the seqs (no slow fill)", () => {
    let h = 0;
    const cache = new WatermarkCache<string>(1_000_000, 1_000_000_000, () => h);
    const sizes: number[] = [];
    for (let seq = 1; seq <= 20_000; seq++) {
      for (let vote = 0; vote < 6; vote++) cache.set(`${seq}/${vote}`, "vote", 100, seq);
      if (seq % 4 === 0) h = seq - 128; // the window: h trails the newest seq by W
      sizes.push(cache.size);
    }
    assert.equal(sizes[1_999], sizes[19_999], "the size at 2,000 seqs is the size at 20,000");
    assert.ok((sizes[19_999] ?? 0) <= 6 * 100 * 133, `holds ${sizes[19_999]}`);
  });
});
