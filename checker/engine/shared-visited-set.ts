/**
 * The visited set and parent log of a parallel BFS, in SharedArrayBuffers that every
 * worker thread maps: one fixed open-addressing table of 64-bit fingerprints, claimed
 * slot by slot with Atomics.compareExchange, and a parent log indexed by a shared
 * counter. A state's index is the counter value its first finder drew, so indices are
 * unique but their order varies from run to run (the set of states does not).
 *
 * Why fixed: growing a table that other threads probe would need a stop-the-world
 * pause; the table is sized once from the memory bound instead (8 bytes a slot, at
 * most 0.75 full), and filling it reports VisitedSetFull like the sequential set.
 * The fingerprint 0 marks an empty slot, so a state whose fingerprint is 0 is stored
 * as 1 (it then merges with a state of fingerprint 1: 2^-64 odds, as any collision).
 */
import { VisitedSetFull } from "./visited-set.js";

const loadFactorMax = 0.75;
const slotMixLo = 0x85ebca6b;
const slotMixHi = 0x9e3779b1;
const twoTo32 = 2 ** 32;

/** What a worker needs to map the same set: plain SharedArrayBuffers, passed in workerData. */
export interface SharedVisitedBuffers {
  readonly table: SharedArrayBuffer;
  readonly parents: SharedArrayBuffer;
  /** [0]: states claimed; [1]: a stop flag the main thread raises. */
  readonly counters: SharedArrayBuffer;
}

export class SharedVisitedSet {
  private readonly table: BigUint64Array;
  private readonly parents: Int32Array;
  private readonly counters: Int32Array;
  private readonly capacity: number;
  readonly statesMax: number;

  constructor(readonly buffers: SharedVisitedBuffers) {
    this.table = new BigUint64Array(buffers.table);
    this.parents = new Int32Array(buffers.parents);
    this.counters = new Int32Array(buffers.counters);
    this.capacity = this.table.length;
    this.statesMax = Math.min(Math.floor(this.capacity * loadFactorMax), this.parents.length / 2);
  }

  /** Buffers for a table of `bytesMax` bytes (at least 16 slots) and its parent log. */
  static allocate(bytesMax: number): SharedVisitedBuffers {
    const capacity = Math.max(16, Math.floor(bytesMax / 8));
    const states = Math.floor(capacity * loadFactorMax);
    return {
      table: new SharedArrayBuffer(capacity * 8), parents: new SharedArrayBuffer(states * 8),
      counters: new SharedArrayBuffer(8),
    };
  }

  get size(): number {
    return Math.min(Atomics.load(this.counters, 0), this.statesMax);
  }

  get bytes(): number {
    return this.buffers.table.byteLength + this.size * 8;
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
    let slot = Math.floor(((Math.imul(hi ^ Math.imul(lo, slotMixLo), slotMixHi) >>> 0) * capacity) / twoTo32);
    for (;;) {
      const held = Atomics.load(table, slot);
      if (held === key) return -1;
      if (held === 0n) {
        if (Atomics.load(this.counters, 0) >= this.statesMax) this.full();
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
    for (const key of this.table) if (key !== 0n) held.add(`${key >> 32n}:${key & 0xffffffffn}`);
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
    throw new VisitedSetFull(this.statesMax, this.bytes, this.buffers.table.byteLength);
  }

  private log(parent: number, action: number): number {
    const index = Atomics.add(this.counters, 0, 1);
    if (index >= this.statesMax) this.full();
    Atomics.store(this.parents, index * 2, parent);
    Atomics.store(this.parents, index * 2 + 1, action);
    return index;
  }
}
