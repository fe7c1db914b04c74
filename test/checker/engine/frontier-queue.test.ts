import assert from "node:assert/strict";
import fc from "fast-check";
import { FrontierQueue } from "../../../checker/engine/frontier-queue.js";

const uint32 = fc.integer({ min: 0, max: 0xffffffff });

describe("FrontierQueue", () => {
  it("reads back every row in the order written, values intact from 0 to 2^32-1", () => {
    fc.assert(
      fc.property(fc.array(fc.array(uint32, { maxLength: 40 }), { maxLength: 200 }), (rows) => {
        const q = new FrontierQueue();
        for (const row of rows) {
          q.beginRow(row.length);
          for (const v of row) q.put(v);
        }
        assert.equal(q.length, rows.length);
        for (const row of rows) {
          assert.ok(q.nextRow());
          assert.deepEqual(row.map(() => q.take()), row);
        }
        assert.equal(q.nextRow(), false);
        assert.equal(q.length, 0);
      }),
    );
  });

  it("keeps rows whole across pages and lets a page go once the reader has left it", () => {
    const q = new FrontierQueue();
    const rows = 200_000; // 40 bytes reserved a row: several 1 MiB pages
    for (let r = 0; r < rows; r++) {
      q.beginRow(8);
      for (let i = 0; i < 8; i++) q.put((r * 8 + i) * 2503); // up to 4.0e9: five-byte varints too
    }
    const held = q.bytes;
    assert.ok(held >= 4 * 2 ** 20, `${held} bytes`);
    for (let r = 0; r < rows; r++) {
      assert.ok(q.nextRow());
      for (let i = 0; i < 8; i++) assert.equal(q.take(), (r * 8 + i) * 2503);
    }
    assert.ok(q.bytes < held && q.bytes <= 2 ** 20, `${q.bytes} bytes still held`);
  });

  it("takes small values in one byte each", () => {
    const q = new FrontierQueue();
    for (let r = 0; r < 100_000; r++) {
      q.beginRow(1);
      q.put(r % 128);
    }
    // 100,000 one-byte rows; the writer reserves 5 bytes a value only at a page's end.
    assert.equal(q.bytes, 2 ** 20);
  });

  it("rejects a value outside uint32 (our mistake, not input)", () => {
    const q = new FrontierQueue();
    q.beginRow(1);
    assert.throws(() => q.put(-1));
    assert.throws(() => q.put(2 ** 32));
  });
});
