import assert from "node:assert/strict";
import fc from "fast-check";
import { SharedVisitedSet } from "../../../checker/engine/shared-visited-set.js";
import { VisitedSetFull } from "../../../checker/engine/visited-set.js";

const lane = fc.oneof(
  fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -(2 ** 31), max: -1 }));

describe("SharedVisitedSet", () => {
  it("behaves like a Set of 64-bit fingerprints, lanes modulo 2^32 and high bits included", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lane, lane), { maxLength: 300 }), (pairs) => {
        const set = new SharedVisitedSet(SharedVisitedSet.allocate(8 * 1024));
        const model = new Map<string, number>();
        set.add(0x12345678, 9, -1, -1); // the root, state 0
        model.set(`${0x12345678}:9`, 0);
        for (const [hi, lo] of pairs) {
          const key = `${hi >>> 0 || 0}:${lo >>> 0}`;
          // The empty-slot value 0:0 is stored as 0:1 (shared-visited-set.ts).
          const canonical = key === "0:0" ? "0:1" : key;
          const index = set.add(hi, lo, 0, 7);
          assert.equal(index >= 0, !model.has(canonical), key);
          if (index >= 0) model.set(canonical, index);
          assert.equal(set.size, model.size);
        }
        for (const index of model.values()) if (index > 0) assert.deepEqual(set.pathTo(index), [7]);
      }),
    );
  });

  it("throws VisitedSetFull at three quarters of its reserved table, when it cannot grow", () => {
    const set = new SharedVisitedSet(SharedVisitedSet.allocate(64 * 8));
    for (let i = 1; i <= 48; i++) assert.ok(set.add(i, i * 3, -1, -1) >= 0);
    assert.throws(() => set.add(999, 999, 0, 0), VisitedSetFull);
  });

  it("grows its active table fourfold in place: every state still known, with its index and path", () => {
    const buffers = SharedVisitedSet.allocate(1024 * 8, 16);
    const set = new SharedVisitedSet(buffers);
    const other = new SharedVisitedSet(buffers); // another worker's mapping
    const held: [number, number, number][] = [];
    assert.equal(set.add(1, 1, -1, -1), 0); // the root, state 0
    let next = 2;
    for (const slots of [16, 64, 256, 1024]) {
      assert.equal(set.canGrow, slots < 1024);
      // Three quarters of the active table, then full: the state is left unclaimed, for the retry after growing.
      for (; set.size < slots * 0.75; next++) held.push([next * 7919, next, set.add(next * 7919, next, 0, next)]);
      assert.throws(() => set.add(-next, next, 0, 0), VisitedSetFull);
      if (slots === 1024) break;
      set.grow();
      other.refresh();
      for (const [hi, lo, index] of held) {
        assert.equal(other.add(hi, lo, 0, 0), -1, `${hi}:${lo} known after growing to ${slots * 4}`);
        assert.deepEqual(other.pathTo(index), [lo]);
      }
      assert.equal(other.fingerprints().size, held.length + 1);
    }
    assert.equal(set.size, 768);
  });

  it("raises a stop flag every mapping of the buffers sees", () => {
    const buffers = SharedVisitedSet.allocate(1024);
    const a = new SharedVisitedSet(buffers);
    const b = new SharedVisitedSet(buffers);
    assert.equal(b.stopped, false);
    a.stop();
    assert.equal(b.stopped, true);
    a.add(5, 6, -1, -1);
    assert.equal(b.add(5, 6, 0, 0), -1);
  });
});
