/**
 * The explorer's visited set: 64-bit state fingerprints in one open-addressing
 * table on a Uint32Array, 8 bytes a slot, with linear probing.
 *
 * Why this shape:
 * 1. A slot's two words sit side by side, so a probe touches one cache line
 *    and a run of linear probes stays inside a few.
 * 2. (0, 0) marks an empty slot. Rather than remap the fingerprint (0, 0) onto
 *    another value, which would merge two states, we keep it in a flag.
 * 3. The table holds no per-state index: a state's index is its insertion
 *    order, and BFS only needs the index of a state it has just discovered,
 *    which addIndexed returns. That saves 4 bytes a slot.
 * 4. The load stays at or below loadFactorMax (0.75): a miss then costs about
 *    eight probes on average, a hit about two and a half. The table grows by
 *    half (not by doubling), so right after a growth the load is 0.5 and a
 *    state costs between 10.7 and 16 bytes of table, never more.
 * 5. So the capacity is not a power of two, and the home slot is taken by
 *    scaling the 32-bit slot hash into [0, capacity) (multiply, keep the high
 *    part: Lemire's fast range reduction) instead of by masking.
 */

export interface VisitedSetOptions {
  /** Slots to start with (at least 16). */
  readonly capacityInitial?: number;
  /**
   * Largest table the set may grow to, in bytes (the 16-slot minimum aside).
   * A rehash briefly holds the old table as well, so the peak is 1.67x.
   */
  readonly bytesMax?: number;
}

/** Thrown by add when one more state would need a table above bytesMax; the set is left unchanged. */
export class VisitedSetFull extends Error {
  override readonly name = "VisitedSetFull";
  constructor(
    readonly size: number,
    readonly bytes: number,
    readonly bytesMax: number,
  ) {
    super(`visited set full: ${size} states in ${bytes} bytes, growing would exceed ${bytesMax} bytes`);
  }
}

const bytesPerSlot = 8;
const capacityMin = 16;
const loadFactorMax = 0.75;
const growthFactor = 1.5;
const twoTo32 = 2 ** 32;
// Multipliers for the slot hash; they spread structured (non-random) fingerprints too.
const slotMixLo = 0x85ebca6b;
const slotMixHi = 0x9e3779b1;

export class VisitedSet {
  readonly bytesMax: number;
  /** Slot s holds hi at 2s and lo at 2s + 1. */
  private table: Uint32Array;
  private used = 0;
  private usedMax: number;
  private zeroPresent = false;

  constructor(options: VisitedSetOptions = {}) {
    this.bytesMax = options.bytesMax ?? Number.MAX_SAFE_INTEGER;
    const wanted = Math.max(capacityMin, Math.ceil(options.capacityInitial ?? 0));
    const capacity = Math.max(capacityMin, Math.min(wanted, Math.floor(this.bytesMax / bytesPerSlot)));
    this.table = new Uint32Array(capacity * 2);
    this.usedMax = Math.floor(capacity * loadFactorMax);
  }

  /** Distinct fingerprints held. */
  get size(): number {
    return this.used + (this.zeroPresent ? 1 : 0);
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.table.length / 2;
  }

  /** Memory held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  has(hi: number, lo: number): boolean {
    hi >>>= 0;
    lo >>>= 0;
    if ((hi | lo) === 0) return this.zeroPresent;
    const slot = this.probe(hi, lo);
    return this.table[slot * 2] !== 0 || this.table[slot * 2 + 1] !== 0;
  }

  /** Returns true when the fingerprint was new. Throws VisitedSetFull rather than exceed bytesMax. */
  add(hi: number, lo: number): boolean {
    return this.addIndexed(hi, lo) >= 0;
  }

  /**
   * Returns the new state's index (0, 1, 2, ... in insertion order), or -1
   * when the fingerprint was already present. Throws VisitedSetFull rather
   * than exceed bytesMax.
   */
  addIndexed(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    const index = this.size;
    if ((hi | lo) === 0) {
      if (this.zeroPresent) return -1;
      this.zeroPresent = true;
      return index;
    }
    let slot = this.probe(hi, lo);
    const table = this.table;
    if (table[slot * 2] !== 0 || table[slot * 2 + 1] !== 0) return -1;
    if (this.used >= this.usedMax) {
      this.grow();
      slot = this.probe(hi, lo);
    }
    this.table[slot * 2] = hi;
    this.table[slot * 2 + 1] = lo;
    this.used++;
    return index;
  }

  /** The slot holding (hi, lo), or else the empty slot where it would go. Needs one empty slot. */
  private probe(hi: number, lo: number): number {
    const table = this.table;
    const capacity = table.length / 2;
    // (hash * capacity) / 2^32 < capacity, and exact enough in a double for any table that fits in memory.
    let slot = Math.floor(((Math.imul(hi ^ Math.imul(lo, slotMixLo), slotMixHi) >>> 0) * capacity) / twoTo32);
    for (;;) {
      const slotHi = table[slot * 2];
      const slotLo = table[slot * 2 + 1];
      if ((slotHi === hi && slotLo === lo) || (slotHi === 0 && slotLo === 0)) return slot;
      slot++;
      if (slot === capacity) slot = 0;
    }
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * growthFactor);
    if (capacity * bytesPerSlot > this.bytesMax) throw new VisitedSetFull(this.size, this.bytes, this.bytesMax);
    const old = this.table;
    this.table = new Uint32Array(capacity * 2);
    this.usedMax = Math.floor(capacity * loadFactorMax);
    for (let i = 0; i < old.length; i += 2) {
      const hi = old[i] ?? 0;
      const lo = old[i + 1] ?? 0;
      if ((hi | lo) === 0) continue;
      const slot = this.probe(hi, lo);
      this.table[slot * 2] = hi;
      this.table[slot * 2 + 1] = lo;
    }
  }
}
