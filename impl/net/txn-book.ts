/**
 * The coordinator's record of client transactions: who submitted what (the
 * digest of the signed body, to refuse the same id with another body), when,
 * and the outcome it reported with the f+1 signed confirmations backing it (a
 * client can check those itself: DESIGN.md I7). Waiters are HTTP requests
 * holding for an outcome.
 *
 * With a store (txn-store.ts) every change is written through, and the book is
 * reloaded from it on start, so outcomes survive a coordinator restart.
 * Decided records are pruned by age with a count cap (outcome-retention.ts has
 * the contract: what a client may still ask afterwards, and what it gets);
 * pending ones are kept, up to `txnRecordsMax` in all (past it new ids get 503).
 * A pending txn whose signed `expires` the coordinator's window has passed can run
 * nowhere any more (impl/core/replica.ts): `expireIfPast` settles it as `expired`,
 * pruned like a decided one.
 */
import type { Message, Outcome, Signed } from "../../spec/messages.js";
import { byDecision, DecisionQueue, outcomeRetentionDefault, type OutcomeRetention } from "./outcome-retention.js";
import type { TxnStore } from "./txn-store.js";

export interface TxnRecord {
  readonly id: string;
  /** The submitting client (client-verify.ts: the id's registered prefix, else `client`). */
  readonly client: string;
  /** sha256 of the signed txn body; null for a txn this book learnt of only from the core's reply. */
  readonly digest: string | null;
  readonly flag: Outcome;
  /**
   * `expired`: the window passed the txn's `expires` with no reply here; it executed at most once, at or below
   * that seq, and only the participants can still tell whether it did (their confirmations, while kept).
   */
  readonly status: "pending" | Outcome | "expired";
  /** The signed body's `expires`, when it has one. */
  readonly expires?: number;
  readonly submittedAt: number;
  readonly decidedAt: number | null;
  readonly confirmations: readonly Signed<Message>[];
}

export type Waiter = (record: TxnRecord) => void;

/** A bound on transactions remembered; past it new submissions are refused (HTTP 503). */
export const txnRecordsMax = 1_000_000;

export type Submitted =
  | { readonly kind: "fresh" | "known"; readonly record: TxnRecord }
  | { readonly kind: "conflict"; readonly record: TxnRecord; readonly reason: string };

export class TxnBook {
  private readonly records = new Map<string, TxnRecord>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly pendingByClient = new Map<string, number>();
  private readonly decisions = new DecisionQueue();
  private pruned = 0;

  constructor(private readonly store: TxnStore | null = null,
    private readonly retention: OutcomeRetention = outcomeRetentionDefault, now = Date.now()) {
    const loaded = store?.load() ?? [];
    for (const record of loaded) this.put(record);
    for (const record of byDecision(loaded)) this.decisions.add(record.id, record.decidedAt ?? now);
    // What expired while the coordinator was down goes before it answers anyone (contract point 4).
    this.prune(now);
  }

  close(): Promise<void> {
    return this.store?.close() ?? Promise.resolve();
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): TxnRecord | undefined {
    return this.records.get(id);
  }

  /** Txns of `client` still waiting for an outcome (admission control counts these). */
  pendingOf(client: string): number {
    return this.pendingByClient.get(client) ?? 0;
  }

  /**
   * The record for `id`, created (and stored: resolved once durable) when new. `known` with a
   * matching body is a retry; a different body or flag is a conflict (HTTP 409).
   */
  async submit(id: string, client: string, digest: string, flag: Outcome, now: number, expires?: number):
    Promise<Submitted> {
    const known = this.records.get(id);
    if (known !== undefined) {
      const conflict = (reason: string): Submitted => ({ kind: "conflict", record: known, reason });
      const otherBody = known.digest !== null && known.digest !== digest;
      if (otherBody) return conflict(`txn ${id} was submitted with another body`);
      if (known.flag !== flag) return conflict(`txn ${id} was submitted with flag ${known.flag}`);
      return { kind: "known", record: known };
    }
    const fresh: TxnRecord = {
      id, client, digest, flag, status: "pending", submittedAt: now, decidedAt: null, confirmations: [],
    };
    const record = expires === undefined ? fresh : { ...fresh, expires };
    this.put(record);
    await this.store?.save(record);
    return { kind: "fresh", record };
  }

  /**
   * The core replied; returns the decided record. A reply for an id this book never saw (the
   * coordinator crashed between its core's persist and this book's write) is recorded too.
   */
  decide(id: string, outcome: Outcome, confirmations: readonly Signed<Message>[], now: number): TxnRecord | null {
    const known = this.records.get(id);
    if (known !== undefined && known.status !== "pending") return null;
    const base = known ?? { id, client: "", digest: null, flag: outcome, submittedAt: now };
    return this.settle({ ...base, status: outcome, decidedAt: now, confirmations }, now);
  }

  /** Settles `id` as expired if it is pending and `dead` says its `expires` can no longer be met (top of file). */
  expireIfPast(id: string, dead: (id: string, expires: number) => boolean, now: number): void {
    const known = this.records.get(id);
    if (known?.status !== "pending" || known.expires === undefined || !dead(id, known.expires)) return;
    this.settle({ ...known, status: "expired", decidedAt: now }, now);
  }

  /** Records a final status, wakes the waiters, and prunes. */
  private settle(record: TxnRecord, now: number): TxnRecord {
    const id = record.id;
    this.put(record);
    this.decisions.add(id, now);
    // A failed write is not fatal here: the core's own state keeps the outcome (contract point 2).
    this.store?.save(record).catch(() => undefined);
    for (const waiter of this.waiters.get(id) ?? []) waiter(record);
    this.waiters.delete(id);
    this.prune(now);
    return record;
  }

  /** Drops decided records past the retention (outcome-retention.ts), from memory and from the store. */
  prune(now: number): number {
    const expired = this.decisions.expire(now, this.retention);
    for (const id of expired) this.records.delete(id);
    if (expired.length > 0) this.store?.remove(expired).catch(() => undefined);
    this.pruned += expired.length;
    return expired.length;
  }

  /** Decided records pruned since this process started. */
  get prunedCount(): number {
    return this.pruned;
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

  /** Sets a record, keeping the per-client pending counts in step. */
  private put(record: TxnRecord): void {
    const before = this.records.get(record.id);
    if (before?.status === "pending") this.pendingByClient.set(before.client, this.pendingOf(before.client) - 1);
    if (record.status === "pending") this.pendingByClient.set(record.client, this.pendingOf(record.client) + 1);
    this.records.set(record.id, record);
  }
}
