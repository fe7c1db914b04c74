/**
 * Shared segments of long arrays for the chunked durable value (state-chunks.ts).
 *
 * Why: a replica's outcome table grows with history, and a participant keeps a
 * snapshot of its replica at every checkpoint in its window; written whole, each
 * snapshot cost O(history) bytes, so bytes written per txn grew without bound. The
 * snapshots and the live replica share their element objects (copy-on-write), so a
 * long array is stored as segments of about `segmentElements` elements, each written
 * once and referenced by id from every array that holds the same elements (by
 * identity) in the same order.
 *
 * Segments follow the content, not the index: a write reuses every stored segment
 * whose elements still stand in a row in the array, wherever they now start, and
 * cuts new segments only from what is left. Why: the outcome table loses its oldest
 * records at every checkpoint (replica.ts `pruneExpired`, every K seqs); with
 * segments aligned at index 0, removing the head shifted every boundary and the
 * whole table, thousands of records, was written again at each checkpoint, so bytes
 * and CPU per txn grew with the table (the 20 k soak). Now a prune rewrites the one
 * segment it cuts into, an insertion in the middle the one it lands in, an append
 * only the tail. A new segment shorter than half the target absorbs the stored
 * segment after it, so repeated cuts leave no trail of tiny segments: a new segment
 * holds under `segmentElements * 3 / 2` elements, and under half the target only
 * when the segment after it is already a long one.
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

  /**
   * The segments that cover `value` from index 0, in order, putting those not stored yet, and how many
   * elements they cover; the rest (under `segmentElements`) is the caller's tail.
   */
  plan(value: readonly unknown[], puts: [string, unknown][]): { readonly ids: number[]; readonly covered: number } {
    const ids: number[] = [];
    let start = 0;
    while (start < value.length) {
      const stored = this.storedAt(value, start);
      if (stored !== undefined) {
        ids.push(stored.id);
        start += stored.elements.length;
        continue;
      }
      const end = this.newSegmentEnd(value, start);
      if (end === null) break;
      const segment = this.register(this.nextId++, value.slice(start, end));
      puts.push([this.key(segment.id), segment.elements]);
      ids.push(segment.id);
      start = end;
    }
    return { ids, covered: start };
  }

  /** A stored segment whose elements stand in `value` from `start` on, by identity. */
  private storedAt(value: readonly unknown[], start: number): Segment | undefined {
    const first = value[start];
    if (typeof first !== "object" || first === null) return undefined;
    return this.byFirst.get(first)?.find((s) => start + s.elements.length <= value.length &&
      s.elements.every((element, i) => element === value[start + i]));
  }

  /**
   * Where a new segment from `start` ends: at `segmentElements`, or before the next stored segment, which it
   * absorbs (if that one is not itself longer than the target) when it would be shorter than half the target;
   * null when what is left is a tail (top of file).
   */
  private newSegmentEnd(value: readonly unknown[], start: number): number | null {
    for (let end = start + 1; end < value.length && end - start < segmentElements; end++) {
      const next = this.storedAt(value, end);
      if (next === undefined) continue;
      const absorb = end - start < segmentElements / 2 && next.elements.length <= segmentElements;
      return absorb ? end + next.elements.length : end;
    }
    return start + segmentElements <= value.length ? start + segmentElements : null;
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
