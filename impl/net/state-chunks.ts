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
 * past a shrunk array's length stay behind unread until overwritten.
 */
import { assert } from "../core/assert.js";
import type { DurableStore } from "./durable-store.js";

/** The state (depth 0) and the objects in it (depth 1, e.g. a replica) are split; deeper objects are chunks. */
export const objectDepthMax = 1;

type Layout =
  | { readonly kind: "inline"; readonly value: string | number | boolean | null }
  | { readonly kind: "chunk" }
  | { readonly kind: "array"; readonly length: number }
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, Layout>> };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export class ChunkedValue {
  private last: unknown = undefined;

  constructor(private readonly store: DurableStore, private readonly prefix: string) {}

  /** Writes `value`, rewriting only the chunks whose identity changed since the last write or read. */
  write(value: unknown): void {
    const puts: [string, unknown][] = [];
    const layout = plan(value, this.last, this.prefix, 0, puts);
    puts.push([`${this.prefix}#layout`, layout]);
    this.store.putMany(puts);
    this.last = value;
  }

  /** The last written value, or undefined if none was ever written. */
  read(): unknown {
    const layout = this.store.get(`${this.prefix}#layout`);
    if (layout === undefined) return undefined;
    const value = build(layout, this.prefix, this.store);
    this.last = value;
    return value;
  }
}

function plan(value: unknown, previous: unknown, path: string, depth: number, puts: [string, unknown][]): Layout {
  if (Array.isArray(value)) {
    const before: readonly unknown[] = Array.isArray(previous) ? previous : [];
    for (let i = 0; i < value.length; i++) if (i >= before.length || value[i] !== before[i]) puts.push([`${path}/${i}`, value[i]]);
    return { kind: "array", length: value.length };
  }
  if (isRecord(value) && depth <= objectDepthMax) {
    const before = isRecord(previous) ? previous : {};
    const fields: Record<string, Layout> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) fields[key] = plan(field, before[key], `${path}.${key}`, depth + 1, puts);
    }
    return { kind: "object", fields };
  }
  if (value === null || typeof value !== "object") {
    assert(typeof value !== "undefined" && typeof value !== "function" && typeof value !== "symbol" && typeof value !== "bigint",
      `state-chunks: ${path} is not JSON`);
    return { kind: "inline", value: value as string | number | boolean | null };
  }
  if (value !== previous) puts.push([path, value]);
  return { kind: "chunk" };
}

/** Our own store, written by `plan`: a bad layout is corruption or our bug, so it throws. */
function build(layout: unknown, path: string, store: DurableStore): unknown {
  assert(isRecord(layout), `state-chunks: bad layout at ${path}`);
  switch (layout["kind"]) {
    case "inline": return layout["value"];
    case "chunk": return present(store.get(path), path);
    case "array": {
      const length = layout["length"];
      assert(typeof length === "number" && Number.isInteger(length) && length >= 0, `state-chunks: bad length at ${path}`);
      return Array.from({ length }, (_, i) => present(store.get(`${path}/${i}`), `${path}/${i}`));
    }
    case "object": {
      const fields = layout["fields"];
      assert(isRecord(fields), `state-chunks: bad fields at ${path}`);
      return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, build(field, `${path}.${key}`, store)]));
    }
    default: throw new TypeError(`state-chunks: unknown layout kind at ${path}`);
  }
}

function present(value: unknown, path: string): unknown {
  assert(value !== undefined, `state-chunks: missing chunk ${path}`);
  return value;
}
