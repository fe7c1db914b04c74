/**
 * How long the runtime keeps what it tells clients about decided txns: the
 * coordinator's txn book (txn-book.ts: each record holds the signed body's
 * digest and f+1 signed confirmations, about 1.5 KB) and each participant's
 * signed confirmations (confirmation-book.ts). Without a bound both grow with
 * history for as long as the process lives (issue 15).
 *
 * The contract, by age with a count cap (cluster.json `outcomeRetentionS`,
 * `outcomesKeptMax`):
 *
 * 1. A decided txn's record is kept at least `ageMs` after its decision, unless
 *    more than `keptMax` decided records are held: then the oldest decisions go
 *    first. Pending txns are never pruned (they are bounded by the per-client
 *    pending limit and the book's size limit).
 * 2. After pruning, the coordinator still knows the outcome it reported: its
 *    core keeps every (txn, outcome) it replied with, persisted with its state.
 *    `GET /txn/:id` and a resubmitted `POST /txn` of a pruned id answer
 *    `410 Gone` with `status: "expired"` and that outcome, never `404` and never
 *    a second proposal; the f+1 signed confirmations are gone from the
 *    coordinator, and the client reads them from the participants.
 * 3. A participant keeps each confirmation it signed on the same terms; after
 *    that `GET /txn/:id` answers `410` with the outcome its replica recorded
 *    (unsigned: a client still needs f+1 signed confirmations, so once every
 *    participant has pruned, the outcome is known but no longer provable).
 * 4. Pruning is durable: the book deletes pruned records from its store in the
 *    same write path, and a restarted coordinator prunes what expired while it
 *    was down before it answers.
 *
 * A client therefore has `ageMs` after a decision to collect its proof; the
 * client library (client.ts) treats 410 as final.
 */

export interface OutcomeRetention {
  /** A decided record lives at least this long after its decision (unless the count cap forces it out). */
  readonly ageMs: number;
  /** Decided records kept at most; past it the oldest decisions are pruned first. */
  readonly keptMax: number;
}

export const outcomeRetentionDefault: OutcomeRetention = { ageMs: 3_600_000, keptMax: 100_000 };

/**
 * Decided ids in decision order with their decision time, so pruning pops from the front:
 * O(1) per pruned record, whatever the history. A Map keeps insertion order.
 */
export class DecisionQueue {
  private readonly decidedAt = new Map<string, number>();
  private newest = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.decidedAt.size;
  }

  /** Records `id` as decided at `at`; a clock that steps back is clamped so the queue stays ordered. */
  add(id: string, at: number): void {
    if (this.decidedAt.has(id)) return;
    this.newest = Math.max(at, this.newest);
    this.decidedAt.set(id, this.newest);
  }

  /** The ids to prune now, oldest first, removed from the queue. */
  expire(now: number, retention: OutcomeRetention): string[] {
    const pruned: string[] = [];
    for (const [id, at] of this.decidedAt) {
      const tooMany = this.decidedAt.size > retention.keptMax;
      if (!tooMany && now - at < retention.ageMs) break;
      this.decidedAt.delete(id);
      pruned.push(id);
    }
    return pruned;
  }
}

/** Decided records in decision order (a store loads them in key order). */
export function byDecision<T extends { readonly decidedAt: number | null }>(records: readonly T[]): T[] {
  return records.filter((r) => r.decidedAt !== null).sort((a, b) => (a.decidedAt ?? 0) - (b.decidedAt ?? 0));
}

/**
 * The outcome recorded for `txn` in a list sorted by txn id (the coordinator core's `replies`, a replica's
 * `outcomes`), by binary search: these lists hold every txn ever decided, so a scan per request would not do.
 */
export function recordedOutcome<T extends { readonly txn: string }>(sorted: readonly T[], txn: string): T | null {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle] as T;
    if (found.txn === txn) return found;
    if (found.txn < txn) low = middle + 1;
    else high = middle - 1;
  }
  return null;
}
