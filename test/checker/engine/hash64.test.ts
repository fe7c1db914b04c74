import assert from "node:assert/strict";
import fc from "fast-check";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import {
  addMultiset64, combine64, type Fingerprint64, Hasher64, hashString64, hashWords as hashWordsOnLocals,
} from "../../../checker/engine/hash64.js";

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const word = fc.oneof(uint32, fc.integer({ min: -1000, max: 1000 }));

function hashWords(words: readonly number[]): string {
  const hasher = new Hasher64();
  for (const w of words) hasher.int(w);
  hasher.finish();
  return `${hasher.hi}:${hasher.lo}`;
}

function multisetOf(elements: readonly string[]): string {
  const sum: Fingerprint64 = { hi: 0, lo: 0 };
  for (const e of elements) addMultiset64(sum, ...hashString64(e));
  return `${sum.hi}:${sum.lo}`;
}

/** Expected collisions when n values fall uniformly into m buckets. */
function birthdayCollisions(n: number, m: number): number {
  return n - m * (1 - Math.pow(1 - 1 / m, n));
}

describe("Hasher64", () => {
  it("hashWords gives what the chained Hasher64 gives for the same words (the incremental fingerprint's combine)",
    () => {
      fc.assert(fc.property(fc.array(word, { maxLength: 8 }), (words) => {
        const into: Fingerprint64 = { hi: 0, lo: 0 };
        hashWordsOnLocals(Int32Array.from(words), words.length, into);
        assert.equal(`${into.hi}:${into.lo}`, hashWords(words));
      }));
    });

  it("gives the same fingerprint for the same input, even after reuse", () => {
    const reused = new Hasher64();
    fc.assert(
      fc.property(fc.array(word), fc.string(), (words, s) => {
        reused.reset();
        for (const w of words) reused.int(w);
        reused.str(s).finish();
        const fresh = new Hasher64();
        for (const w of words) fresh.int(w);
        fresh.str(s).finish();
        assert.deepEqual([reused.hi, reused.lo], [fresh.hi, fresh.lo]);
      }),
    );
  });

  it("keeps producing the pinned fingerprint (stored traces depend on it)", () => {
    assert.deepEqual(hashString64("byzcommit"), [PINNED_HI, PINNED_LO]);
    assert.equal(hashWords([]), PINNED_EMPTY);
  });

  it("yields two uint32 lanes", () => {
    fc.assert(
      fc.property(fc.array(word), (words) => {
        const [hi, lo] = hashWords(words).split(":").map(Number);
        for (const lane of [hi, lo]) assert.ok(Number.isInteger(lane) && lane! >= 0 && lane! <= 0xffffffff);
      }),
    );
  });

  it("separates inputs that differ only in trailing zero words", () => {
    assert.notEqual(hashWords([]), hashWords([0]));
    assert.notEqual(hashWords([0]), hashWords([0, 0]));
    assert.notEqual(hashWords([7]), hashWords([7, 0]));
  });

  it("separates string boundaries thanks to the length prefix", () => {
    const a = new Hasher64().str("ab").str("c").finish();
    const b = new Hasher64().str("a").str("bc").finish();
    assert.notDeepEqual([a.hi, a.lo], [b.hi, b.lo]);
    assert.notDeepEqual(hashString64("a"), hashString64("a\u0000"));
  });

  it("hashes int modulo 2^32 and safe integers by both words", () => {
    assert.equal(hashWords([-1]), hashWords([0xffffffff]));
    const wide = new Hasher64().safeInteger(2 ** 40 + 5).finish();
    const split = new Hasher64().int(5).int(2 ** 8).finish();
    assert.deepEqual([wide.hi, wide.lo], [split.hi, split.lo]);
  });

  it("spreads sequential integers like a random function in every 20-bit slice", () => {
    const n = 1 << 14;
    const expected = birthdayCollisions(n, 1 << 20); // ~126, standard deviation ~11
    const slices = [new Set<number>(), new Set<number>(), new Set<number>()];
    const hasher = new Hasher64();
    for (let i = 0; i < n; i++) {
      hasher.reset().int(i).finish();
      slices[0]!.add(hasher.hi >>> 12);
      slices[1]!.add(hasher.lo & 0xfffff);
      slices[2]!.add(((hasher.hi & 0x3ff) << 10) | (hasher.lo >>> 22));
    }
    for (const slice of slices) assert.ok(Math.abs(n - slice.size - expected) < 60, `${n - slice.size} collisions`);
  });

  it("flips each output bit about half the time when one input bit flips", () => {
    const rng = xoroshiro128plus(42);
    const samples = 500;
    const flips = new Float64Array(32 * 64);
    const hasher = new Hasher64();
    for (let s = 0; s < samples; s++) {
      const x = rng.next();
      hasher.reset().int(x).finish();
      const [hi, lo] = [hasher.hi, hasher.lo];
      for (let bit = 0; bit < 32; bit++) {
        hasher.reset().int(x ^ (1 << bit)).finish();
        for (let out = 0; out < 32; out++) {
          flips[bit * 64 + out]! += ((hi ^ hasher.hi) >>> out) & 1;
          flips[bit * 64 + 32 + out]! += ((lo ^ hasher.lo) >>> out) & 1;
        }
      }
    }
    // 500 samples: standard deviation 0.022, so 0.35..0.65 is a ~7 sigma band.
    for (const count of flips) assert.ok(Math.abs(count / samples - 0.5) < 0.15, `bias ${count / samples}`);
  });
});

describe("addMultiset64", () => {
  it("gives the same hash whatever the order of the elements", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (elements) => {
        const sorted = [...elements].sort();
        assert.equal(multisetOf(elements), multisetOf(sorted));
        assert.equal(multisetOf(elements), multisetOf([...elements].reverse()));
      }),
    );
  });

  it("counts duplicates instead of cancelling them", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (elements) => {
        const first = elements[0]!;
        assert.notEqual(multisetOf(elements), multisetOf([...elements, first]));
        assert.notEqual(multisetOf([first, first]), multisetOf([]));
      }),
    );
  });

  it("carries from lo into hi and wraps at 2^64", () => {
    const sum: Fingerprint64 = { hi: 0, lo: 0xffffffff };
    addMultiset64(sum, 0, 1);
    assert.deepEqual(sum, { hi: 1, lo: 0 });
    const top: Fingerprint64 = { hi: 0xffffffff, lo: 0xffffffff };
    addMultiset64(top, 0, 1);
    assert.deepEqual(top, { hi: 0, lo: 0 });
  });
});

describe("combine64", () => {
  it("depends on the order of the combined values", () => {
    fc.assert(
      fc.property(uint32, uint32, uint32, uint32, (aHi, aLo, bHi, bLo) => {
        fc.pre(aHi !== bHi || aLo !== bLo);
        const ab: Fingerprint64 = { hi: 0, lo: 0 };
        combine64(ab, aHi, aLo);
        combine64(ab, bHi, bLo);
        const ba: Fingerprint64 = { hi: 0, lo: 0 };
        combine64(ba, bHi, bLo);
        combine64(ba, aHi, aLo);
        assert.notDeepEqual(ab, ba);
      }),
    );
  });
});

// Snapshots of the hash function: a change here changes every stored fingerprint.
const PINNED_HI = 688273943;
const PINNED_LO = 475017983;
const PINNED_EMPTY = "1562678897:2261472579";
