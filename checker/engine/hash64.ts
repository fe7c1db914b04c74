/**
 * 64-bit state fingerprints without BigInt: a hash is two uint32 lanes, hi and
 * lo, so the explorer's hot loop stays on small integers and allocates nothing.
 *
 * The mixing follows MurmurHash3 x86_128 cut down to two lanes: each 32-bit
 * word is scrambled into both lanes with different constants, then the lanes
 * are cross-added; finish() applies murmur's fmix32 avalanche to each lane.
 *
 * Collision reasoning:
 * 1. For a fixed word, an absorb step is a bijection of the 64-bit lane state
 *    (xor, rotate, odd multiply, add and cross-add all invert), and so is the
 *    finalizer: no step narrows the state, so only whole 64-bit states collide.
 * 2. Treating the fingerprints of n distinct states as uniform and independent,
 *    P(some pair collides) <= n(n-1)/2 / 2^64, about n^2 / 2^65: 3e-6 at 1e7
 *    states, 3e-4 at 1e8, 3% at 1e9. A collision makes the explorer treat a new
 *    state as visited, so it may miss states; it never invents a violation.
 * 3. It is not a cryptographic hash, and need not be: the checker enumerates
 *    the states itself, so no Byzantine peer chooses what gets hashed.
 */

/** A mutable 64-bit value as two uint32 lanes; Hasher64 is one. */
export interface Fingerprint64 {
  hi: number;
  lo: number;
}

const seedLane1 = 0x9747b28c;
const seedLane2 = 0x3c6ef372;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

// Murmur3's scramble-and-fold, with lane 2 using its other 32-bit constants.
function absorbLane1(h: number, word: number): number {
  const k = Math.imul(rotl(Math.imul(word, 0xcc9e2d51), 15), 0x1b873593);
  return (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
}

function absorbLane2(h: number, word: number): number {
  const k = Math.imul(rotl(Math.imul(word, 0x85ebca6b), 17), 0xc2b2ae35);
  return (Math.imul(rotl(h ^ k, 15), 5) + 0x38495ab5) | 0;
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Folds the word count in (so trailing zero words matter) and avalanches both lanes into `into`. */
function finalize(h1: number, h2: number, wordCount: number, into: Fingerprint64): void {
  h1 ^= wordCount;
  h2 ^= wordCount;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  into.hi = h1 >>> 0;
  into.lo = h2 >>> 0;
}

/** reset(), feed a canonical encoding, finish(), read hi and lo. Allocates nothing: reuse one. */
export class Hasher64 implements Fingerprint64 {
  hi = 0;
  lo = 0;
  private h1 = seedLane1;
  private h2 = seedLane2;
  private wordCount = 0;

  reset(): this {
    this.h1 = seedLane1;
    this.h2 = seedLane2;
    this.wordCount = 0;
    return this;
  }

  /** Absorbs x modulo 2^32: -1 and 0xffffffff hash alike. Use safeInteger for wider values. */
  int(x: number): this {
    const h1 = absorbLane1(this.h1, x);
    const h2 = absorbLane2(this.h2, x);
    this.h1 = (h1 + h2) | 0;
    this.h2 = (h2 + this.h1) | 0;
    this.wordCount++;
    return this;
  }

  /** Absorbs an integer up to 2^53 in magnitude as two words, low word first. */
  safeInteger(x: number): this {
    return this.int(x % 0x1_0000_0000).int(Math.floor(x / 0x1_0000_0000));
  }

  /** Absorbs the length, then the UTF-16 code units two per word; the length parts "ab"+"c" from "a"+"bc". */
  str(s: string): this {
    const length = s.length;
    this.int(length);
    // Same step as int(), on locals: keeping the lanes out of fields halves the cost per word.
    let h1 = this.h1;
    let h2 = this.h2;
    let i = 0;
    for (; i + 1 < length; i += 2) {
      const word = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      const a1 = absorbLane1(h1, word);
      const a2 = absorbLane2(h2, word);
      h1 = (a1 + a2) | 0;
      h2 = (a2 + h1) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.wordCount += i / 2;
    if (i < length) this.int(s.charCodeAt(i));
    return this;
  }

  /** Absorbs a 64-bit value, such as a multiset sum or a child's fingerprint. */
  fingerprint(hi: number, lo: number): this {
    return this.int(hi).int(lo);
  }

  /** Writes the fingerprint of everything absorbed since reset() to hi and lo. */
  finish(): this {
    finalize(this.h1, this.h2, this.wordCount, this);
    return this;
  }
}

/**
 * What a fresh Hasher64 gives for int(words[0]), ..., int(words[count - 1]), finish(), with the lanes on locals:
 * the per-transition combines of the incremental fingerprint (successor-fingerprint.ts) run this once or twice for
 * each of tens of millions of transitions, and fields and chained calls cost about twice as much there.
 */
export function hashWords(words: Int32Array, count: number, into: Fingerprint64): void {
  let h1 = seedLane1;
  let h2 = seedLane2;
  for (let i = 0; i < count; i++) {
    const word = words[i] as number;
    const a1 = absorbLane1(h1, word);
    const a2 = absorbLane2(h2, word);
    h1 = (a1 + a2) | 0;
    h2 = (a2 + h1) | 0;
  }
  finalize(h1, h2, count, into);
}

/** Order-dependent: into := H(into, (hi, lo)), so folding a, b differs from folding b, a. */
export function combine64(into: Fingerprint64, hi: number, lo: number): void {
  // The same absorb steps as Hasher64.int, seeded with `into` instead of the lane seeds.
  const a1 = absorbLane1(into.hi, hi);
  const a2 = absorbLane2(into.lo, hi);
  const h1 = (a1 + a2) | 0;
  const b1 = absorbLane1(h1, lo);
  const b2 = absorbLane2((a2 + h1) | 0, lo);
  finalize((b1 + b2) | 0, (b2 + b1 + b2) | 0, 2, into);
}

/**
 * Order-independent: into := into + (hi, lo) mod 2^64, with the carry from lo
 * into hi. Summing the element fingerprints hashes a multiset whatever the
 * iteration order, and unlike xor a duplicate does not cancel itself out.
 * The elements must be finished fingerprints: the sum is linear, so only
 * well-mixed addends make two distinct multisets collide with ~2^-64 chance.
 */
export function addMultiset64(into: Fingerprint64, hi: number, lo: number): void {
  const low = (into.lo >>> 0) + (lo >>> 0);
  const carry = low > 0xffffffff ? 1 : 0;
  into.lo = low >>> 0;
  into.hi = ((into.hi >>> 0) + (hi >>> 0) + carry) >>> 0;
}

/** Convenience for tests and cold paths: allocates a hasher and the result pair. */
export function hashString64(s: string): [hi: number, lo: number] {
  const hasher = new Hasher64().str(s).finish();
  return [hasher.hi, hasher.lo];
}

/** The inverse of addMultiset64: into := into - (hi, lo) mod 2^64, removing one element from a multiset sum. */
export function subMultiset64(into: Fingerprint64, hi: number, lo: number): void {
  const low = (into.lo >>> 0) - (lo >>> 0);
  const borrow = low < 0 ? 1 : 0;
  into.lo = low >>> 0;
  into.hi = ((into.hi >>> 0) - (hi >>> 0) - borrow) >>> 0;
}

/** A fingerprint as 16 hex digits, as traces and reports print it. */
export const fingerprintHex = (hi: number, lo: number): string =>
  (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
