/**
 * The replica's digest on a real node, kept incrementally so that executing a
 * txn costs O(keys it touched) hashing, not O(replica).
 *
 * Why not sha256 of the canonical JSON, as for every other value: the core
 * digests the replica after every executed txn (the CONFIRM) and at every
 * checkpoint, and the replica grows with history (every txn's outcome stays in
 * it), so hashing it whole cost a participant 36% of its CPU in the audit and
 * grew without bound.
 *
 * The construction is a lattice hash (LtHash, Bellare-Micciancio; the 16-bit,
 * 1024-lane variant Facebook uses for state verification): each element, an
 * entry or an outcome with a domain tag, is expanded by SHAKE256 to 1024 16-bit
 * lanes, and the replica's value is the lane-wise sum mod 2^16, then sha256 of
 * it (64 hex digits, like every digest). A sum is order-free and updatable:
 * replacing an element subtracts its old lanes and adds the new ones.
 *
 * A sum counts multiplicity, and 2^16 copies of an element would cancel out, so
 * the sum alone is only safe over SETS: the digest covers a replica only when its
 * entries are strictly sorted by key and its outcomes strictly by txn id (the
 * core's canonical form, replica.ts). Any other arrays, e.g. in a Byzantine
 * STATE-REPLY, get a digest from another domain, which matches no honest one.
 *
 * Incremental by object identity: the core's replica is copy-on-write, so the
 * next replica shares every untouched element object with the last one. A walk
 * over both arrays skips shared elements by identity and hashes only the rest;
 * the walk itself is O(replica) pointer compares (about as cheap as the array
 * copy the core makes per txn). Correct whatever the arrays hold: every element
 * is either shared (equal contributions cancel) or subtracted/added once.
 *
 * The checker digests with its own symbolic function (checker/model/symbolic-crypto.ts),
 * so stored traces do not depend on this; it changes the net's checkpoint and
 * confirmation digests only, which no stored file holds.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../../spec/canonical.js";
import type { ReplicaData } from "../../spec/messages.js";

export const lanes = 1024;
const laneBytes = lanes * 2;

type Lanes = Uint16Array;
type Element = ReplicaData["entries"][number] | ReplicaData["outcomes"][number];
type Tag = "entry" | "outcome";

function expand(tag: Tag, element: Element): Buffer {
  return createHash("shake256", { outputLength: laneBytes }).update(`${tag}\n${canonicalJson(element)}`).digest();
}

function addInto(sum: Lanes, tag: Tag, element: Element, sign: 1 | -1): void {
  const bytes = expand(tag, element);
  for (let i = 0; i < lanes; i++) {
    const lane = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
    sum[i] = (sum[i] as number) + sign * lane;
  }
}

function finish(sum: Lanes): string {
  const bytes = Buffer.alloc(laneBytes);
  for (let i = 0; i < lanes; i++) bytes.writeUInt16LE(sum[i] as number, 2 * i);
  return createHash("sha256").update("byzcommit replica lthash16 v1\n").update(bytes).digest("hex");
}

const keyOf = (e: Element): string => ("key" in e ? e.key : e.txn);

export function isReplicaData(value: unknown): value is ReplicaData {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && "entries" in value && "outcomes" in value
    && Array.isArray(value.entries) && Array.isArray(value.outcomes);
}

/**
 * One digester per node (never module-level: STYLE.md). It remembers the last
 * replica it digested and that replica's lane sum, and each replica's digest.
 */
export class ReplicaDigester {
  private last: ReplicaData = { entries: [], outcomes: [] };
  private lastSum: Lanes = new Uint16Array(lanes);
  private readonly known = new WeakMap<ReplicaData, string>();

  digest(replica: ReplicaData): string {
    const known = this.known.get(replica);
    if (known !== undefined) return known;
    const related = shares(replica.entries, this.last.entries) || shares(replica.outcomes, this.last.outcomes);
    const sum = related ? Uint16Array.from(this.lastSum) : new Uint16Array(lanes);
    const base: ReplicaData = related ? this.last : { entries: [], outcomes: [] };
    const sortedEntries = walk(sum, "entry", base.entries, replica.entries);
    const sortedOutcomes = walk(sum, "outcome", base.outcomes, replica.outcomes);
    if (!(sortedEntries && sortedOutcomes)) return unsortedDigest(replica);
    // Only a canonical replica becomes the next base, so a base is always strictly sorted (see `walk`).
    const digest = finish(sum);
    this.last = replica;
    this.lastSum = sum;
    this.known.set(replica, digest);
    return digest;
  }
}

/** An element object in common at either end: `next` was derived from `last` (a guess; any answer is correct). */
function shares(next: readonly Element[], last: readonly Element[]): boolean {
  if (next === last) return true;
  if (next.length === 0 || last.length === 0) return false;
  return next[0] === last[0] || next[next.length - 1] === last[last.length - 1];
}

/**
 * Moves `sum` from `before`'s elements to `after`'s, skipping shared objects, and
 * reports whether `after` is strictly sorted. Order is checked only next to
 * elements not shared with `before`: shared ones keep `before`'s relative order
 * (the walk only moves forward), and `before` was checked when it was digested.
 */
function walk(sum: Lanes, tag: Tag, before: readonly Element[], after: readonly Element[]): boolean {
  let i = 0;
  let sorted = true;
  const fresh = (j: number): void => {
    addInto(sum, tag, after[j] as Element, 1);
    if (j > 0 && !(keyOf(after[j - 1] as Element) < keyOf(after[j] as Element))) sorted = false;
    if (j + 1 < after.length && !(keyOf(after[j] as Element) < keyOf(after[j + 1] as Element))) sorted = false;
  };
  for (let j = 0; j < after.length; j++) {
    const element = after[j] as Element;
    while (i < before.length && before[i] !== element && keyOf(before[i] as Element) <= keyOf(element)) {
      addInto(sum, tag, before[i++] as Element, -1);
    }
    if (i < before.length && before[i] === element) i++;
    else fresh(j);
  }
  while (i < before.length) addInto(sum, tag, before[i++] as Element, -1);
  return sorted;
}

/** A replica not in canonical form: a digest from its own domain, equal to no canonical replica's. */
function unsortedDigest(replica: ReplicaData): string {
  return createHash("sha256").update("byzcommit replica not canonical\n").update(canonicalJson(replica)).digest("hex");
}
