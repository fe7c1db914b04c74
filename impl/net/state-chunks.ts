/**
 * A JSON value kept in the durable store as chunks, rewritten incrementally.
 *
 * Why: a node's state grows with its log (a participant holds about 2 KB per
 * slot), and the core asks to persist it several times per slot; writing it
 * whole each time is quadratic. The core's states are copy-on-write (STYLE.md:
 * "return a new object and never mutate the input"), so what did not change
 * keeps its identity. The value is split at arrays and at objects up to
 * `objectDepthMax`; each array element and each deeper object is one chunk,
 * written only when its identity differs from the last write. A layout record
 * (the tree's shape, array lengths, inline primitives) is written every time.
 *
 * Every write is one transaction (`putMany`, or `commit` off the thread), so
 * the store always holds exactly one whole written value, never a mix. Chunks
 * past a shrunk index-keyed array's length are removed in that write, and id-keyed
 * elements (`keyedArrayMax`) when they leave their array.
 */
import { assert } from "../core/assert.js";
import { removal, type DurableStore } from "./durable-store.js";
import { segmentElements, SegmentStore } from "./state-segments.js";

/** The state (depth 0) and the objects in it (depth 1, e.g. a replica) are split; deeper objects are chunks. */
export const objectDepthMax = 1;

type Layout =
  | { readonly kind: "inline"; readonly value: string | number | boolean | null }
  | { readonly kind: "chunk" }
  | { readonly kind: "array"; readonly length: number }
  | { readonly kind: "keyed"; readonly ids: readonly number[] }
  /** `tail`: the index where the elements stored by index begin (absent before segments followed content). */
  | { readonly kind: "segments"; readonly ids: readonly number[]; readonly length: number; readonly tail?: number }
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, Layout>> };

/**
 * Arrays of objects up to this length (a node's slots, certificates, checkpoints and
 * snapshots: bounded by the window) are stored by element identity, not by index: each
 * element object gets an id, its chunk key is `path#id`, and the layout lists the ids.
 * Why: these arrays lose their head when the window moves, which shifts every index;
 * keyed by index, every snapshot (a whole replica each) was rewritten at every stable
 * checkpoint. Keyed by id, a write puts the new elements and removes the dropped ones.
 * Longer arrays (a replica's entries and outcomes, which grow at the end) stay by index,
 * so the layout record stays small.
 */
export const keyedArrayMax = 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A write's entries: a value to put, or `removal` to remove the key. */
type Puts = [string, unknown][];

export class ChunkedValue {
  private last: unknown = undefined;
  private lastLayout: Layout | undefined = undefined;
  /** Per keyed-array path, the id each element object is stored under there. */
  private readonly ids = new Map<string, WeakMap<object, number>>();
  private nextId = 0;
  private segments: SegmentStore;
  /** Keyed elements stored decomposed (they hold a long array): key to layout, and the segments each holds. */
  private readonly records = new Map<string, { readonly layout: Layout; readonly segments: readonly number[] }>();

  constructor(private readonly store: DurableStore, private readonly prefix: string) {
    this.segments = new SegmentStore(prefix);
  }

  /** Writes `value`, rewriting only the chunks whose identity changed since the last write or read. */
  write(value: unknown): void {
    this.store.putMany(this.delta(value));
  }

  /**
   * `write` through the store's writer thread (durable-store.ts `commit`): resolves once `value` is on disk.
   * Commits land in call order, so the next one may be planned against this one before it resolves.
   */
  commit(value: unknown): Promise<void> {
    return this.store.commit(this.delta(value));
  }

  /** What to put and remove to turn the last value written into `value`; from here on that is the last. */
  private delta(value: unknown): Puts {
    const puts: Puts = [];
    const layout = this.plan(value, this.last, this.lastLayout, this.prefix, 0, puts);
    puts.push([`${this.prefix}#layout`, layout]);
    this.segments.count(segmentsOf(layout), 1, puts);
    if (this.lastLayout !== undefined) this.segments.count(segmentsOf(this.lastLayout), -1, puts);
    this.last = value;
    this.lastLayout = layout;
    return puts;
  }

  /** The last written value, or undefined if none was ever written. */
  read(): unknown {
    const layout = this.store.get(`${this.prefix}#layout`);
    if (layout === undefined) return undefined;
    // Reference counts are rebuilt from what is stored, so reading twice counts nothing twice.
    this.segments = new SegmentStore(this.prefix);
    this.records.clear();
    const value = this.build(layout, this.prefix);
    this.segments.count(segmentsOf(layout as Layout), 1, []);
    this.last = value;
    this.lastLayout = layout as Layout;
    return value;
  }

  private plan(value: unknown, previous: unknown, before: Layout | undefined, path: string, depth: number,
    puts: Puts): Layout {
    if (Array.isArray(value)) {
      const objects = value.every((v) => typeof v === "object" && v !== null);
      if (value.length <= keyedArrayMax && objects) return this.planKeyed(value as object[], before, path, puts);
      if (before?.kind === "keyed") for (const id of before.ids) this.remove(`${path}#${id}`, puts);
      // Past the full segments, elements are stored by index: unchanged ones where they already are.
      const { ids, covered: tail } = objects ? this.segments.plan(value, puts) : { ids: [], covered: 0 };
      const old: readonly unknown[] = Array.isArray(previous) ? previous : [];
      const oldTail = before?.kind === "segments" ? tailOf(before) : before?.kind === "array" ? 0 : Infinity;
      for (let i = tail; i < value.length; i++) {
        if (i < oldTail || i >= old.length || value[i] !== old[i]) puts.push([`${path}/${i}`, value[i]]);
      }
      // Index chunks the new layout does not have go: elements now in a segment, and those past a shrunk end
      // (the outcome table shrinks at every checkpoint that prunes it: left behind, they piled up in the store).
      const stored = before?.kind === "segments" || before?.kind === "array" ? before.length : 0;
      for (let i = Math.min(oldTail, stored); i < stored; i++) {
        if (i < tail || i >= value.length) puts.push([`${path}/${i}`, removal]);
      }
      return objects ? { kind: "segments", ids, length: value.length, tail } : { kind: "array", length: value.length };
    }
    if (isRecord(value) && depth <= objectDepthMax) {
      const old = isRecord(previous) ? previous : {};
      const oldFields = before?.kind === "object" ? before.fields : {};
      const fields: Record<string, Layout> = {};
      for (const [key, field] of Object.entries(value)) {
        if (field === undefined) continue;
        fields[key] = this.plan(field, old[key], oldFields[key], `${path}.${key}`, depth + 1, puts);
      }
      return { kind: "object", fields };
    }
    if (value === null || typeof value !== "object") {
      assert(typeof value !== "undefined" && typeof value !== "function" && typeof value !== "symbol"
        && typeof value !== "bigint", `state-chunks: ${path} is not JSON`);
      return { kind: "inline", value: value as string | number | boolean | null };
    }
    if (value !== previous || before?.kind !== "chunk") puts.push([path, value]);
    return { kind: "chunk" };
  }

  private planKeyed(value: readonly object[], before: Layout | undefined, path: string, puts: Puts): Layout {
    const stored = new Set(before?.kind === "keyed" ? before.ids : []);
    const known = this.idsAt(path);
    const ids = value.map((element) => {
      let id = known.get(element);
      if (id === undefined || !stored.has(id)) {
        id = this.nextId++;
        known.set(element, id);
        this.put(`${path}#${id}`, element, puts);
      }
      return id;
    });
    const kept = new Set(ids);
    for (const id of stored) if (!kept.has(id)) this.remove(`${path}#${id}`, puts);
    return { kind: "keyed", ids };
  }

  /**
   * A new keyed element: whole, or, when it holds a long array (a snapshot's outcome
   * table), decomposed like the state itself so that the array's segments are shared
   * with the live replica's. Its layout goes to `key#layout`, written once.
   */
  private put(key: string, element: object, puts: Puts): void {
    if (!holdsLongArray(element, 0)) return void puts.push([key, element]);
    const layout = this.plan(element, undefined, undefined, key, 0, puts);
    const segments = segmentsOf(layout);
    this.records.set(key, { layout, segments });
    this.segments.count(segments, 1, puts);
    puts.push([`${key}#layout`, layout]);
  }

  private remove(key: string, puts: Puts): void {
    const record = this.records.get(key);
    if (record === undefined) return void puts.push([key, removal]);
    this.records.delete(key);
    for (const path of [...this.ids.keys()]) if (path.startsWith(`${key}.`)) this.ids.delete(path);
    for (const chunk of chunkKeys(record.layout, key)) puts.push([chunk, removal]);
    puts.push([`${key}#layout`, removal]);
    this.segments.count(record.segments, -1, puts);
  }

  /** A keyed element stored whole, or decomposed under `key#layout` (`put`). */
  private buildElement(key: string): unknown {
    const whole = this.store.get(key);
    if (whole !== undefined) return whole;
    const layout = present(this.store.get(`${key}#layout`), key) as Layout;
    const element = this.build(layout, key);
    const segments = segmentsOf(layout);
    this.records.set(key, { layout, segments });
    this.segments.count(segments, 1, []);
    return element;
  }

  private idsAt(path: string): WeakMap<object, number> {
    let known = this.ids.get(path);
    if (known === undefined) this.ids.set(path, (known = new WeakMap()));
    return known;
  }

  /** Our own store, written by `plan`: a bad layout is corruption or our bug, so it throws. */
  private build(layout: unknown, path: string): unknown {
    assert(isRecord(layout), `state-chunks: bad layout at ${path}`);
    switch (layout["kind"]) {
      case "inline": return layout["value"];
      case "chunk": return present(this.store.get(path), path);
      case "array": {
        const length = layout["length"];
        assert(typeof length === "number" && Number.isInteger(length) && length >= 0,
          `state-chunks: bad length at ${path}`);
        return Array.from({ length }, (_, i) => present(this.store.get(`${path}/${i}`), `${path}/${i}`));
      }
      case "keyed": {
        const ids = layout["ids"];
        assert(Array.isArray(ids) && ids.every((id) => Number.isInteger(id)), `state-chunks: bad ids at ${path}`);
        return (ids as number[]).map((id) => {
          const element = this.buildElement(`${path}#${id}`);
          // Ids stay unique across restarts, and what was read counts as written.
          this.nextId = Math.max(this.nextId, id + 1);
          if (typeof element === "object" && element !== null) this.idsAt(path).set(element, id);
          return element;
        });
      }
      case "segments": {
        const { ids, length } = layout;
        assert(Array.isArray(ids) && typeof length === "number", `state-chunks: bad segments at ${path}`);
        const elements: unknown[] = [];
        for (const id of ids as number[]) {
          const segment = present(this.store.get(this.segments.key(id)), this.segments.key(id));
          assert(Array.isArray(segment), `state-chunks: bad segment ${id} at ${path}`);
          // One array of objects per segment id, so the live replica and its snapshots share them again.
          elements.push(...this.segments.loaded(id, segment));
        }
        for (let i = elements.length; i < length; i++) {
          elements.push(present(this.store.get(`${path}/${i}`), `${path}/${i}`));
        }
        return elements;
      }
      case "object": {
        const fields = layout["fields"];
        assert(isRecord(fields), `state-chunks: bad fields at ${path}`);
        return Object.fromEntries(Object.entries(fields)
          .map(([key, field]) => [key, this.build(field, `${path}.${key}`)]));
      }
      default: throw new TypeError(`state-chunks: unknown layout kind at ${path}`);
    }
  }
}

function present(value: unknown, path: string): unknown {
  assert(value !== undefined, `state-chunks: missing chunk ${path}`);
  return value;
}

/** The segment ids a layout holds directly (decomposed keyed elements count their own). */
function segmentsOf(layout: Layout): number[] {
  switch (layout.kind) {
    case "segments": return [...layout.ids];
    case "object": return Object.values(layout.fields).flatMap(segmentsOf);
    default: return [];
  }
}

/** Every chunk key a decomposed element's layout wrote (for its removal); segments are counted, not listed. */
function chunkKeys(layout: Layout, path: string): string[] {
  switch (layout.kind) {
    case "inline": return [];
    case "chunk": return [path];
    case "array": return Array.from({ length: layout.length }, (_, i) => `${path}/${i}`);
    case "segments": {
      const tail = tailOf(layout);
      return Array.from({ length: Math.max(0, layout.length - tail) }, (_, i) => `${path}/${tail + i}`);
    }
    case "keyed": return layout.ids.map((id) => `${path}#${id}`);
    case "object": return Object.entries(layout.fields).flatMap(([key, field]) => chunkKeys(field, `${path}.${key}`));
  }
}

/** Where a segments layout's elements stored by index begin. */
function tailOf(layout: Extract<Layout, { kind: "segments" }>): number {
  return layout.tail ?? layout.ids.length * segmentElements;
}

/** An object with an array longer than `keyedArrayMax` within the depths `plan` splits. */
function holdsLongArray(value: unknown, depth: number): boolean {
  if (Array.isArray(value)) return value.length > keyedArrayMax;
  if (!isRecord(value) || depth > objectDepthMax) return false;
  return Object.values(value).some((field) => holdsLongArray(field, depth + 1));
}
