/**
 * Shared segments of long arrays for the chunked durable value (state-chunks.ts).
 *
 * Why: a replica's outcome table grows with history, and a participant keeps a
 * snapshot of its replica at every checkpoint in its window; written whole, each
 * snapshot cost O(history) bytes, so bytes written per txn grew without bound. The
 * snapshots and the live replica share their element objects (copy-on-write), so a
 * long array is stored as segments of `segmentElements` elements aligned at index 0,
 * each written once and referenced by id from every array that holds the same
 * elements (by identity) at the same place. An array that grows at its end writes
 * only its tail; one that gets an element inserted in the middle rewrites the
 * segments after it (the outcome table is sorted by txn id: ids that arrive in
 * order append).
 *
 * Segments are reference-counted over the layouts that hold them and removed at
 * zero, in the same transaction as the write that drops the last reference.
 */
import { removal } from "./durable-store.js";

export const segmentElements = 256;

interface Segment { readonly id: number; readonly elements: readonly unknown[] }

export class SegmentStore {
  private readonly byFirst = new WeakMap<object, Segment[]>();
  private readonly byId = new Map<number, Segment>();
  private readonly references = new Map<number, number>();
  private nextId = 0;

  constructor(private readonly prefix: string) {}

  key(id: number): string {
    return `${this.prefix}$segment#${id}`;
  }

  /** The ids of `value`'s full segments, putting those not stored yet. */
  plan(value: readonly unknown[], puts: [string, unknown][]): number[] {
    const ids: number[] = [];
    for (let start = 0; start + segmentElements <= value.length; start += segmentElements) {
      const first = value[start];
      const known = typeof first === "object" && first !== null ? this.byFirst.get(first) : undefined;
      let segment = known?.find((s) => s.elements.every((element, i) => element === value[start + i]));
      if (segment === undefined) {
        segment = this.register(this.nextId++, value.slice(start, start + segmentElements));
        puts.push([this.key(segment.id), segment.elements]);
      }
      ids.push(segment.id);
    }
    return ids;
  }

  /**
   * A segment read back from the store (on restart): reusable, its id never handed out
   * again, and the same element objects for every array that holds it.
   */
  loaded(id: number, elements: readonly unknown[]): readonly unknown[] {
    this.nextId = Math.max(this.nextId, id + 1);
    return (this.byId.get(id) ?? this.register(id, elements)).elements;
  }

  /** Counts references held by a layout that is now written (`+1`) or gone (`-1`); removes segments left at zero. */
  count(ids: readonly number[], delta: 1 | -1, puts: [string, unknown][]): void {
    for (const id of ids) {
      const left = (this.references.get(id) ?? 0) + delta;
      if (left > 0) {
        this.references.set(id, left);
        continue;
      }
      this.references.delete(id);
      this.forget(id);
      puts.push([this.key(id), removal]);
    }
  }

  private register(id: number, elements: readonly unknown[]): Segment {
    const segment = { id, elements };
    this.byId.set(id, segment);
    const first = elements[0];
    if (typeof first === "object" && first !== null) {
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), segment]);
    }
    return segment;
  }

  private forget(id: number): void {
    const segment = this.byId.get(id);
    this.byId.delete(id);
    const first = segment?.elements[0];
    if (typeof first !== "object" || first === null) return;
    const rest = (this.byFirst.get(first) ?? []).filter((s) => s.id !== id);
    if (rest.length === 0) this.byFirst.delete(first);
    else this.byFirst.set(first, rest);
  }
}
