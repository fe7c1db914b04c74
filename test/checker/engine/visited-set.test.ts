import assert from "node:assert/strict";
import fc from "fast-check";
import { VisitedSet, VisitedSetFull } from "../../../checker/engine/visited-set.js";

// Small lanes make repeats and (0, 0) likely; full-range lanes exercise the slot hash.
const lane = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff }));
const command = fc.record({ kind: fc.constantFrom("add", "has"), hi: lane, lo: lane });

describe("VisitedSet", () => {
  it("behaves like a Set of hi:lo strings over random adds and lookups, through growth", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 400 }), (commands) => {
        const set = new VisitedSet();
        const model = new Set<string>();
        for (const { kind, hi, lo } of commands) {
          const key = `${hi}:${lo}`;
          if (kind === "add") {
            assert.equal(set.add(hi, lo), !model.has(key));
            model.add(key);
          } else {
            assert.equal(set.has(hi, lo), model.has(key));
          }
          assert.equal(set.size, model.size);
        }
        for (const key of model) {
          const [hi, lo] = key.split(":").map(Number);
          assert.ok(set.has(hi!, lo!));
        }
      }),
    );
  });

  it("holds (0, 0) without confusing it with its neighbours or the empty slot", () => {
    const set = new VisitedSet();
    assert.equal(set.has(0, 0), false);
    assert.equal(set.add(0, 1), true);
    assert.equal(set.has(0, 0), false);
    assert.equal(set.add(0, 0), true);
    assert.equal(set.add(0, 0), false);
    assert.equal(set.add(1, 0), true);
    assert.equal(set.size, 3);
    assert.ok(set.has(0, 0) && set.has(0, 1) && set.has(1, 0));
  });

  it("numbers new fingerprints in insertion order and answers -1 for repeats", () => {
    const set = new VisitedSet();
    assert.equal(set.addIndexed(5, 6), 0);
    assert.equal(set.addIndexed(0, 0), 1);
    assert.equal(set.addIndexed(5, 6), -1);
    assert.equal(set.addIndexed(0, 0), -1);
    assert.equal(set.addIndexed(7, 8), 2);
  });

  it("treats lanes modulo 2^32, as the hasher produces them", () => {
    const set = new VisitedSet();
    assert.equal(set.add(-1, -2), true);
    assert.equal(set.has(0xffffffff, 0xfffffffe), true);
    assert.equal(set.add(0xffffffff, 0xfffffffe), false);
  });

  it("grows by half to keep the load in 0.5..0.75, so a state costs at most 16 bytes of table", () => {
    const set = new VisitedSet({ capacityInitial: 20 });
    assert.equal(set.capacity, 20);
    let growths = 0;
    let capacity = set.capacity;
    for (let i = 1; i <= 100_000; i++) {
      set.add(0, i); // sequential, structured fingerprints on purpose
      assert.ok(set.size / set.capacity <= 0.75);
      if (set.capacity !== capacity) {
        growths++;
        assert.equal(set.capacity, Math.ceil(capacity * 1.5));
        capacity = set.capacity;
      }
      if (growths > 0) assert.ok(set.bytes / set.size <= 16, `${set.bytes / set.size} bytes a state at ${set.size}`);
    }
    assert.equal(set.size, 100_000);
    assert.ok(growths >= 10);
    assert.equal(set.bytes, set.capacity * 8);
    for (let i = 1; i <= 100_000; i++) assert.ok(set.has(0, i));
    assert.equal(set.has(0, 100_001), false);
  });

  it("throws VisitedSetFull at the byte budget and keeps what it holds", () => {
    const set = new VisitedSet({ capacityInitial: 64, bytesMax: 64 * 8 });
    const fits = Math.floor(64 * 0.75);
    for (let i = 1; i <= fits; i++) assert.equal(set.add(i, i), true);
    assert.throws(() => set.add(999, 999), VisitedSetFull);
    assert.equal(set.size, fits);
    assert.equal(set.bytes, 64 * 8);
    assert.equal(set.has(999, 999), false);
    assert.equal(set.add(1, 1), false, "a repeat needs no room");
    for (let i = 1; i <= fits; i++) assert.ok(set.has(i, i));
  });

  it("shrinks the initial table to fit the byte budget", () => {
    const set = new VisitedSet({ capacityInitial: 1024, bytesMax: 1000 });
    assert.equal(set.capacity, 125);
  });
});
