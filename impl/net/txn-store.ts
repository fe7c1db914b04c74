/**
 * The coordinator's client-facing outcomes on disk (LMDB, beside the node's
 * state store), so that after a coordinator restart `GET /txn/:id` still
 * answers, a resubmitted decided txn gets its outcome at once, and the same id
 * with another body is still refused.
 *
 * Writes are LMDB's asynchronous, batched commits (`put` resolves once its
 * transaction is flushed): a submission is recorded before the core hears of it,
 * and many concurrent submissions share one fsync instead of paying one each.
 * Records are JSON we wrote ourselves; `load` still checks their shape, since a
 * different program could have written the directory.
 */
import { mkdirSync } from "node:fs";
import { open, type RootDatabase } from "lmdb";
import type { TxnRecord } from "./txn-book.js";

export interface TxnStore {
  /** Every record, in key order. */
  load(): TxnRecord[];
  /** Resolves when the record is on stable storage. */
  save(record: TxnRecord): Promise<void>;
  /** Deletes pruned records (outcome-retention.ts); resolves when that is on stable storage. */
  remove(ids: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function openTxnStore(dir: string): TxnStore {
  mkdirSync(dir, { recursive: true });
  const db: RootDatabase<string, string> = open<string, string>({
    path: dir, encoding: "string", overlappingSync: false, noSync: false,
  });
  return {
    load: () => {
      const records: TxnRecord[] = [];
      for (const { value } of db.getRange()) {
        const record = JSON.parse(value) as Partial<TxnRecord>;
        if (typeof record.id !== "string" || typeof record.status !== "string") {
          throw new Error(`${dir}: not a txn record`);
        }
        records.push(record as TxnRecord);
      }
      return records;
    },
    save: async (record) => {
      await db.put(record.id, JSON.stringify(record));
    },
    remove: async (ids) => {
      await db.transaction(() => {
        for (const id of ids) db.removeSync(id);
      });
    },
    close: () => db.close(),
  };
}
