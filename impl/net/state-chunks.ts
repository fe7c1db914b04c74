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
 * Every write is one `putMany` transaction (atomic and flushed on return), so
 * the store always holds exactly one whole written value, never a mix. Chunks
 * past a shrunk index-keyed array's length stay behind unread until overwritten;
 * id-keyed elements (`keyedArrayMax`) are removed when they leave their array.
 */
import { assert } from "../core/assert.js";
import { removal, type DurableStore } from "./durable-store.js";

/** The state (depth 0) and the objects in it (depth 1, e.g. a replica) are split; deeper objects are chunks. */
export const objectDepthMax = 1;

type Layout =
  | { readonly kind: "inline"; readonly value: string | number | boolean | null }
  | { readonly kind: "chunk" }
  | { readonly kind: "array"; readonly length: number }
  | { readonly kind: "keyed"; readonly ids: readonly number[] }
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

  constructor(private readonly store: DurableStore, private readonly prefix: string) {}

  /** Writes `value`, rewriting only the chunks whose identity changed since the last write or read. */
  write(value: unknown): void {
    const puts: Puts = [];
    const layout = this.plan(value, this.last, this.lastLayout, this.prefix, 0, puts);
    puts.push([`${this.prefix}#layout`, layout]);
    this.store.putMany(puts);
    this.last = value;
    this.lastLayout = layout;
  }

  /** The last written value, or undefined if none was ever written. */
  read(): unknown {
    const layout = this.store.get(`${this.prefix}#layout`);
    if (layout === undefined) return undefined;
    const value = this.build(layout, this.prefix);
    this.last = value;
    this.lastLayout = layout as Layout;
    return value;
  }

  private plan(value: unknown, previous: unknown, before: Layout | undefined, path: string, depth: number, puts: Puts): Layout {
    if (Array.isArray(value)) {
      if (value.length <= keyedArrayMax && value.every((v) => typeof v === "object" && v !== null)) {
        return this.planKeyed(value as object[], before, path, puts);
      }
      for (const id of before?.kind === "keyed" ? before.ids : []) puts.push([`${path}#${id}`, removal]);
      const old: readonly unknown[] = Array.isArray(previous) && before?.kind === "array" ? previous : [];
      for (let i = 0; i < value.length; i++) if (i >= old.length || value[i] !== old[i]) puts.push([`${path}/${i}`, value[i]]);
      return { kind: "array", length: value.length };
    }
    if (isRecord(value) && depth <= objectDepthMax) {
      const old = isRecord(previous) ? previous : {};
      const oldFields = before?.kind === "object" ? before.fields : {};
      const fields: Record<string, Layout> = {};
      for (const [key, field] of Object.entries(value)) {
        if (field !== undefined) fields[key] = this.plan(field, old[key], oldFields[key], `${path}.${key}`, depth + 1, puts);
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
        puts.push([`${path}#${id}`, element]);
      }
      return id;
    });
    const kept = new Set(ids);
    for (const id of stored) if (!kept.has(id)) puts.push([`${path}#${id}`, removal]);
    return { kind: "keyed", ids };
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
        assert(typeof length === "number" && Number.isInteger(length) && length >= 0, `state-chunks: bad length at ${path}`);
        return Array.from({ length }, (_, i) => present(this.store.get(`${path}/${i}`), `${path}/${i}`));
      }
      case "keyed": {
        const ids = layout["ids"];
        assert(Array.isArray(ids) && ids.every((id) => Number.isInteger(id)), `state-chunks: bad ids at ${path}`);
        return (ids as number[]).map((id) => {
          const element = present(this.store.get(`${path}#${id}`), `${path}#${id}`);
          // Ids stay unique across restarts, and what was read counts as written.
          this.nextId = Math.max(this.nextId, id + 1);
          if (typeof element === "object" && element !== null) this.idsAt(path).set(element, id);
          return element;
        });
      }
      case "object": {
        const fields = layout["fields"];
        assert(isRecord(fields), `state-chunks: bad fields at ${path}`);
        return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, this.build(field, `${path}.${key}`)]));
      }
      default: throw new TypeError(`state-chunks: unknown layout kind at ${path}`);
    }
  }
}

function present(value: unknown, path: string): unknown {
  assert(value !== undefined, `state-chunks: missing chunk ${path}`);
  return value;
}
