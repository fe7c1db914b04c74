/**
 * A cache bounded in entries and in size (oldest first out), whose entries
 * marked with a seq also leave once the node's low watermark passes that seq.
 *
 * Why the watermark: the node's caches of signatures (node-env.ts) were bounded
 * in bytes only, and a few MiB of votes, confirmations and client requests took
 * 10-20 k txns to fill, so a soak's memory rose for most of its run (issue 15)
 * although nothing in them was of use after its seq left the window: below the
 * stable checkpoint h the core takes no message for a seq, and a txn whose signed
 * `expires` is below h can run nowhere (impl/core/replica.ts). Entries marked
 * with a seq under h are dropped once h moves past them (a stable checkpoint),
 * so a cache holds about a window's worth and is full within the first window.
 * Entries at h itself stay: the stable CHECKPOINT is re-announced (checkpoint-beacon.ts).
 * A dropped entry is only a miss: the caller computes it again.
 */

interface Entry<V> { readonly value: V; readonly size: number; readonly mark: number | null }

export class WatermarkCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Keys by mark, so pruning a seq visits only its own entries; a key leaves with its entry. */
  private readonly byMark = new Map<number, Set<string>>();
  private held = 0;
  private prunedBelow = Number.NEGATIVE_INFINITY;

  constructor(private readonly entriesMax: number, private readonly sizeMax: number,
    private readonly lowWatermark: () => number) {}

  get count(): number {
    return this.entries.size;
  }

  /** The sum of the entries' sizes. */
  get size(): number {
    return this.held;
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Adds (or replaces) an entry of `size`, first dropping what the watermark passed, then the oldest past a bound. */
  set(key: string, value: V, size: number, mark: number | null): void {
    this.prune();
    this.delete(key);
    while (this.entries.size > 0 && (this.entries.size >= this.entriesMax || this.held + size > this.sizeMax)) {
      this.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, size, mark });
    this.held += size;
    if (mark !== null) {
      const keys = this.byMark.get(mark) ?? new Set<string>();
      this.byMark.set(mark, keys.add(key));
    }
  }

  /** Drops the entries marked below the low watermark (once per watermark). */
  private prune(): void {
    const watermark = this.lowWatermark();
    if (watermark <= this.prunedBelow) return;
    this.prunedBelow = watermark;
    for (const [mark, keys] of this.byMark) {
      if (mark >= watermark) continue;
      for (const key of keys) this.delete(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.held -= entry.size;
    if (entry.mark === null) return;
    const keys = this.byMark.get(entry.mark);
    keys?.delete(key);
    if (keys?.size === 0) this.byMark.delete(entry.mark);
  }
}

/** The seq after which a signed body is of no more use: a message's `seq`, a client request's `expires`. */
export function seqMarkOf(body: unknown): number | null {
  if (typeof body !== "object" || body === null) return null;
  const { seq, expires } = body as { seq?: unknown; expires?: unknown };
  if (typeof seq === "number") return seq;
  return typeof expires === "number" ? expires : null;
}
