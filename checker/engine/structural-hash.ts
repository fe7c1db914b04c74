/**
 * Canonical 64-bit fingerprints of plain data (objects, arrays, strings,
 * numbers, booleans, null), memoized per object.
 *
 * Why memoize: core states are immutable and share structure, so a successor
 * differs from its parent in one node, and within that node in one slot. With a
 * WeakMap from object to fingerprint, hashing a successor re-hashes only the new
 * objects on the changed path (a Merkle-style hash): the unchanged nodes, slots
 * and signed messages are cache hits. Object keys are sorted, so two equal
 * values hash equal whatever their key insertion order (STYLE.md: never rely on
 * insertion order). Array order is meaningful: the core keeps sets sorted.
 */
import { Hasher64 } from "./hash64.js";

const tagNull = 1;
const tagFalse = 2;
const tagTrue = 3;
const tagInteger = 4;
const tagFloat = 5;
const tagString = 6;
const tagArray = 7;
const tagObject = 8;
const depthMax = 64;

export class StructuralHasher {
  hi = 0;
  lo = 0;
  private readonly cache = new WeakMap<object, readonly [number, number]>();
  private readonly levels: Hasher64[] = [];
  /** Sorted key lists of the core's fixed record shapes, learned once per tag (see `sortedKeys`). */
  private readonly shapes = new Map<string, readonly string[]>();

  /** With `verifyShapes`, every learned shape is re-checked against the object's real keys (tests use it). */
  constructor(private readonly verifyShapes = false) {}

  /** Sets `hi`/`lo` to the fingerprint of `value`. */
  hash(value: unknown): this {
    this.visit(value, 0);
    return this;
  }

  private level(depth: number): Hasher64 {
    if (depth >= depthMax) throw new RangeError(`value nested deeper than ${depthMax}`);
    let h = this.levels[depth];
    if (h === undefined) {
      h = new Hasher64();
      this.levels[depth] = h;
    }
    return h.reset();
  }

  private visit(value: unknown, depth: number): void {
    const h = this.level(depth);
    switch (typeof value) {
      case "string": h.int(tagString).str(value); break;
      case "number":
        if (Number.isSafeInteger(value)) h.int(tagInteger).safeInteger(value);
        else h.int(tagFloat).str(String(value));
        break;
      case "boolean": h.int(value ? tagTrue : tagFalse); break;
      case "object":
        if (value === null) { h.int(tagNull); break; }
        this.visitObject(value, depth);
        return;
      default: h.int(tagNull); // undefined: absent optional fields hash like null
    }
    h.finish();
    this.hi = h.hi;
    this.lo = h.lo;
  }

  private visitObject(value: object, depth: number): void {
    const cached = this.cache.get(value);
    if (cached !== undefined) {
      this.hi = cached[0];
      this.lo = cached[1];
      return;
    }
    const h = this.levels[depth] as Hasher64; // reset by visit()
    if (Array.isArray(value)) {
      h.int(tagArray).int(value.length);
      for (const item of value) {
        this.visit(item, depth + 1);
        h.fingerprint(this.hi, this.lo);
      }
    } else {
      const record = value as Record<string, unknown>;
      const keys = this.sortedKeys(record);
      h.int(tagObject);
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        h.str(key);
        this.visit(item, depth + 1);
        h.fingerprint(this.hi, this.lo);
      }
    }
    h.finish();
    this.hi = h.hi;
    this.lo = h.lo;
    this.cache.set(value, [h.hi, h.lo]);
  }

  /**
   * Sorting keys is most of the cost of hashing a fresh record, and the core's
   * records come in a few fixed shapes: node states (tagged by `role`), messages
   * (by `kind`), slots (`phase`) and signed envelopes (`signature`). Their sorted
   * key list is learned once per tag; a record whose key count differs falls back
   * to sorting, and `verifyShapes` checks the names too.
   */
  private sortedKeys(record: Record<string, unknown>): readonly string[] {
    const keys = Object.keys(record);
    const tag = typeof record["role"] === "string" ? `role:${record["role"] as string}`
      : typeof record["kind"] === "string" ? `kind:${record["kind"] as string}`
      : "phase" in record ? "slot" : "signature" in record ? "signed" : null;
    if (tag === null) return keys.sort();
    const known = this.shapes.get(tag);
    if (known !== undefined && known.length === keys.length) {
      if (this.verifyShapes && keys.sort().join() !== known.join()) {
        throw new Error(`record shape ${tag} changed: ${keys.join()}`);
      }
      return known;
    }
    const sorted = keys.sort();
    if (known === undefined) this.shapes.set(tag, sorted);
    return sorted;
  }
}
