/**
 * The coordinator's record of client transactions: what was submitted, when,
 * and the outcome it reported with the f+1 signed confirmations backing it
 * (a client can check those itself: DESIGN.md I7). Waiters are HTTP requests
 * holding for an outcome.
 */
import type { Message, Outcome, Signed } from "../../spec/messages.js";

export interface TxnRecord {
  readonly id: string;
  readonly flag: Outcome;
  readonly status: "pending" | Outcome;
  readonly submittedAt: number;
  readonly decidedAt: number | null;
  readonly confirmations: readonly Signed<Message>[];
}

export type Waiter = (record: TxnRecord) => void;

/** A bound on transactions remembered; past it new submissions are refused (HTTP 503). */
export const txnRecordsMax = 1_000_000;

export class TxnBook {
  private readonly records = new Map<string, TxnRecord>();
  private readonly waiters = new Map<string, Waiter[]>();

  get size(): number {
    return this.records.size;
  }

  get(id: string): TxnRecord | undefined {
    return this.records.get(id);
  }

  /** The record for `id`, creating it when new; `fresh` says whether the core should hear of it. */
  submit(id: string, flag: Outcome, now: number): { readonly record: TxnRecord; readonly fresh: boolean } {
    const known = this.records.get(id);
    if (known !== undefined) return { record: known, fresh: false };
    const record: TxnRecord = { id, flag, status: "pending", submittedAt: now, decidedAt: null, confirmations: [] };
    this.records.set(id, record);
    return { record, fresh: true };
  }

  /** The core replied; returns the decided record (null for a txn this book never saw, e.g. after a restart). */
  decide(id: string, outcome: Outcome, confirmations: readonly Signed<Message>[], now: number): TxnRecord | null {
    const known = this.records.get(id);
    if (known === undefined || known.status !== "pending") return null;
    const record: TxnRecord = { ...known, status: outcome, decidedAt: now, confirmations };
    this.records.set(id, record);
    for (const waiter of this.waiters.get(id) ?? []) waiter(record);
    this.waiters.delete(id);
    return record;
  }

  /** Resolves with the decided record, or the pending one after `timeoutMs`. */
  wait(id: string, timeoutMs: number): Promise<TxnRecord> {
    const record = this.records.get(id);
    if (record === undefined || record.status !== "pending") return Promise.resolve(record as TxnRecord);
    return new Promise((resolve) => {
      const waiter: Waiter = (decided) => {
        clearTimeout(timer);
        resolve(decided);
      };
      const timer = setTimeout(() => {
        const list = this.waiters.get(id) ?? [];
        this.waiters.set(id, list.filter((w) => w !== waiter));
        resolve(this.records.get(id) as TxnRecord);
      }, timeoutMs);
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), waiter]);
    });
  }
}
