/**
 * A node's durable state: an embedded, transactional key/value store (LMDB via
 * the `lmdb` package) holding JSON values.
 *
 * The one promise that matters to the protocol: when `putSync` or `putMany`
 * returns, the write is on stable storage. The core emits `Persist` before any
 * Send that depends on it (e.g. a Prepare must not be forgotten after a crash,
 * or a restarted node could prepare a different digest for the same slot and
 * be provably, and rightly, convicted of equivocation).
 *
 * Why the options below:
 * 1. `overlappingSync: false`. lmdb-js enables overlappingSync by default on
 *    Linux, where a synchronous commit returns before its fsync completes (the
 *    flush runs in the background). We need the flush inside the call: with it
 *    off, each commit writes the pages, fdatasync()s the data file, then writes
 *    the meta page through an O_DSYNC descriptor, all before returning
 *    (verified with strace).
 * 2. Values are stored as JSON text we encode ourselves (`encoding: "string"`):
 *    they come back as plain JSON data, exactly what went in after
 *    JSON.stringify, never msgpack extension types, and one encode per write.
 * 3. LMDB is copy-on-write with a two-meta-page commit: a crash at any point
 *    leaves the last committed transaction, never a torn one, and it needs no
 *    recovery step on open.
 *
 * Two ways to write: `putSync`/`putMany` commit on the calling thread and
 * return once flushed; `commit` hands the transaction to lmdb's writer thread and
 * resolves once it is flushed, so the node's one thread goes on stepping inputs
 * while the disk syncs (group-commit.ts holds the sends that depend on it).
 */
import { mkdirSync } from "node:fs";
import { open, type RootDatabase } from "lmdb";

export interface DurableStore {
  /** The stored value, or undefined if the key was never written. Decode it before trusting its shape. */
  get(key: string): unknown;
  /** Writes one value; on return it is committed and flushed to disk. */
  putSync(key: string, value: unknown): void;
  /**
   * Writes all entries in one transaction: after a crash, all of them or none; flushed on return.
   * An entry whose value is `removal` removes its key.
   */
  putMany(entries: Iterable<readonly [string, unknown]>): void;
  /**
   * `putMany` off the calling thread: one transaction, all or nothing, resolving once it is flushed. Commits land
   * in call order, so when one resolves every earlier one is on disk too.
   */
  commit(entries: Iterable<readonly [string, unknown]>): Promise<void>;
  /** Keys stored now (LMDB keeps the count: O(1)), for GET /metrics: a store that grows with history shows here. */
  entries(): number;
  close(): Promise<void>;
}

/** The value that makes `putMany` remove a key (undefined stays an error: it would vanish in JSON). */
export const removal: unique symbol = Symbol("durable-store: remove");

export function openDurableStore(dir: string): DurableStore {
  mkdirSync(dir, { recursive: true });
  const db: RootDatabase<string, string> = open<string, string>({
    path: dir,
    encoding: "string",
    overlappingSync: false,
    noSync: false,
  });
  return {
    get: (key) => {
      const text = db.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    putSync: (key, value) => {
      db.putSync(key, encode(value));
    },
    putMany: (entries) => {
      const encoded = encodeAll(entries);
      db.transactionSync(() => {
        for (const [key, text] of encoded) {
          if (text === undefined) db.removeSync(key);
          else db.putSync(key, text);
        }
      });
    },
    commit: async (entries) => {
      const encoded = encodeAll(entries);
      // `batch` makes its puts one conditional block of the writer thread's transaction: never split.
      await db.batch(() => {
        for (const [key, text] of encoded) {
          if (text === undefined) void db.remove(key);
          else void db.put(key, text);
        }
      });
    },
    entries: () => (db.getStats() as { entryCount?: number }).entryCount ?? 0,
    close: () => db.close(),
  };
}

/** Encoded first, so a bad value throws before the transaction starts; undefined marks a removal. */
function encodeAll(entries: Iterable<readonly [string, unknown]>): (readonly [string, string | undefined])[] {
  return [...entries].map(([key, value]) => [key, value === removal ? undefined : encode(value)] as const);
}

/** `undefined` or a function would silently vanish in JSON; storing one is our bug, so it throws. */
function encode(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("durable store: value is not JSON-serialisable");
  return text;
}
