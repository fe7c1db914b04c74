/**
 * The visited set and parent log of a parallel BFS, in SharedArrayBuffers that every
 * worker thread maps: one fixed open-addressing table of 64-bit fingerprints, claimed
 * slot by slot with Atomics.compareExchange, and a parent log indexed by a shared
 * counter. A state's index is the counter value its first finder drew, so indices are
 * unique but their order varies from run to run (the set of states does not).
 *
 * Growing a table that other threads probe needs them to stop: the buffer is reserved
 * once for the memory bound (8 bytes a slot; its pages cost nothing until touched), and
 * only a prefix of it, the active table, is probed. When the active table is three
 * quarters full `add` throws VisitedSetFull; the workers then pause (bfs-worker.ts) and
 * the main thread grows the prefix fourfold and rehashes it in place (`grow`). Only the
 * whole reserved table filling up stops the search, as the sequential set's bound does.
 * Sizing the table once instead touched most of its pages at random: 1-2 GiB of RSS on
 * model a, and seconds of system time to fault them in.
 * The fingerprint 0 marks an empty slot, so a state whose fingerprint is 0 is stored
 * as 1 (it then merges with a state of fingerprint 1: 2^-64 odds, as any collision).
 */
import { VisitedSetFull } from "./visited-set.js";

const loadFactorMax = 0.75;
/** The active table's first size: 2 MiB. */
const activeInitial = 2 ** 18;
const growthFactor = 4;
const slotMixLo = 0x85ebca6b;
const slotMixHi = 0x9e3779b1;
const twoTo32 = 2 ** 32;

/** What a worker needs to map the same set: plain SharedArrayBuffers, passed in workerData. */
export interface SharedVisitedBuffers {
  readonly table: SharedArrayBuffer;
  readonly parents: SharedArrayBuffer;
  /** Int32 [0]: states claimed; [1]: a stop flag the main thread raises; float64 at byte 8: active slots. */
  readonly counters: SharedArrayBuffer;
}

export class SharedVisitedSet {
  private readonly table: BigUint64Array;
  private readonly parents: Int32Array;
  private readonly counters: Int32Array;
  /** The active table's size, written only by `grow` while no worker probes (each reads it again: `refresh`). */
  private readonly active: Float64Array;
  private capacity = 0;
  private usedMax = 0;
  /** States the whole reserved table holds. */
  readonly statesMax: number;

  constructor(readonly buffers: SharedVisitedBuffers) {
    this.table = new BigUint64Array(buffers.table);
    this.parents = new Int32Array(buffers.parents);
    this.counters = new Int32Array(buffers.counters, 0, 2);
    this.active = new Float64Array(buffers.counters, 8, 1);
    this.statesMax = Math.min(Math.floor(this.table.length * loadFactorMax), this.parents.length / 2);
    this.refresh();
  }

  /** Buffers for a table of `bytesMax` bytes (at least 16 slots), `activeSlots` of them active first, and its log. */
  static allocate(bytesMax: number, activeSlots = activeInitial): SharedVisitedBuffers {
    const capacity = Math.max(16, Math.floor(bytesMax / 8));
    const states = Math.floor(capacity * loadFactorMax);
    const counters = new SharedArrayBuffer(16);
    new Float64Array(counters, 8, 1)[0] = Math.min(capacity, Math.max(16, activeSlots));
    return { table: new SharedArrayBuffer(capacity * 8), parents: new SharedArrayBuffer(states * 8), counters };
  }

  /** Reads the active table's size again (a worker, after the main thread grew it). */
  refresh(): void {
    this.capacity = this.active[0] ?? 0;
    this.usedMax = Math.min(Math.floor(this.capacity * loadFactorMax), this.statesMax);
  }

  /** Whether `grow` can make room: the active table is not yet the whole reserved one. */
  get canGrow(): boolean {
    return this.capacity < this.table.length;
  }

  /**
   * Grows the active table fourfold (at most to the reserved one) and rehashes it in place. Only while no other
   * thread probes it: the workers are paused between requests.
   */
  grow(): void {
    const old = this.table.slice(0, this.capacity);
    this.table.fill(0n, 0, this.capacity);
    this.active[0] = Math.min(this.table.length, this.capacity * growthFactor);
    this.refresh();
    for (const key of old) {
      if (key === 0n) continue;
      let slot = this.slotOf(Number(key >> 32n), Number(key & 0xffffffffn));
      while (this.table[slot] !== 0n) if (++slot === this.capacity) slot = 0;
      this.table[slot] = key;
    }
  }

  private slotOf(hi: number, lo: number): number {
    return Math.floor(((Math.imul(hi ^ Math.imul(lo, slotMixLo), slotMixHi) >>> 0) * this.capacity) / twoTo32);
  }

  get size(): number {
    return Math.min(Atomics.load(this.counters, 0), this.statesMax);
  }

  /** The active table and the parent log's used part. */
  get bytes(): number {
    return this.capacity * 8 + this.size * 8;
  }

  get stopped(): boolean {
    return Atomics.load(this.counters, 1) !== 0;
  }

  stop(): void {
    Atomics.store(this.counters, 1, 1);
  }

  /** The new state's index, or -1 when another worker (or this one) already claimed the fingerprint. */
  add(hi: number, lo: number, parent: number, action: number): number {
    // 0:0 is the empty slot, so it is stored as 0:1, and probed from 0:1's slot too.
    if ((hi | lo) === 0) lo = 1;
    const key = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    const table = this.table;
    const capacity = this.capacity;
    let slot = this.slotOf(hi, lo);
    for (;;) {
      const held = Atomics.load(table, slot);
      if (held === key) return -1;
      if (held === 0n) {
        // Checked before claiming, so a full table leaves the state unclaimed for the retry after `grow`. Two
        // workers may both pass it: the table then holds a state or so past three quarters, which probing bears.
        if (Atomics.load(this.counters, 0) >= this.usedMax) this.full();
        const before = Atomics.compareExchange(table, slot, 0n, key);
        if (before === 0n) return this.log(parent, action);
        if (before === key) return -1;
      }
      slot++;
      if (slot === capacity) slot = 0;
    }
  }

  /** Every fingerprint held, as "hi:lo" of unsigned halves (tests compare the set with a sequential search's). */
  fingerprints(): Set<string> {
    const held = new Set<string>();
    for (const key of this.table.subarray(0, this.capacity)) {
      if (key !== 0n) held.add(`${key >> 32n}:${key & 0xffffffffn}`);
    }
    return held;
  }

  parentOf(index: number): number {
    return Atomics.load(this.parents, index * 2);
  }

  /** The action indices from the root (index 0, parent -1) to `index`. */
  pathTo(index: number): number[] {
    const actions: number[] = [];
    for (let at = index; this.parentOf(at) >= 0; at = this.parentOf(at)) {
      actions.push(Atomics.load(this.parents, at * 2 + 1));
    }
    return actions.reverse();
  }

  private full(): never {
    throw new VisitedSetFull(this.size, this.bytes, this.canGrow ? this.capacity * 8 : this.buffers.table.byteLength);
  }

  private log(parent: number, action: number): number {
    const index = Atomics.add(this.counters, 0, 1);
    if (index >= this.statesMax) this.full();
    Atomics.store(this.parents, index * 2, parent);
    Atomics.store(this.parents, index * 2 + 1, action);
    return index;
  }
}
