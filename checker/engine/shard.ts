/**
 * Splitting one search over N machines (`--shard i/N`), deterministically, so that
 * the shards need no coordination and together cover the whole search.
 *
 * - BFS: every shard runs the same search up to a split level, then keeps only its
 *   part of that level (a hash of each state's BFS index: the index is the same on
 *   every machine, as the search is deterministic) and searches on from it alone.
 *   Every state within the depth bound has a shortest path through exactly one
 *   split-level state, so the union of the shards' states is the unsharded search's.
 *   Shards may meet the same later states (they cannot see each other's visited
 *   sets), which costs time, never coverage; see splitsHere for how much.
 * - random and coverage: swarm verification (Holzmann, Joshi and Groce, 2008): each
 *   shard runs its own seed (so with --swarm its own configurations), disjoint from
 *   the other shards' for the same base seed.
 */
export interface Shard {
  /** 0-based: the CLI's `--shard 3/8` is index 2 of count 8. */
  readonly index: number;
  readonly count: number;
}

/** With no --split-depth and no depth bound: split at the first level with at least this many states per shard. */
export const statesPerShardAtSplit = 64;

/** The shard that owns the state with BFS index `stateIndex` (a finished 32-bit mix, so neighbours spread). */
export function shardOf(stateIndex: number, count: number): number {
  let h = Math.imul(stateIndex ^ (stateIndex >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) % count;
}

/**
 * Whether BFS splits before expanding a level of `frontier` states at `depth`. By default a
 * bounded search splits before its last expanded level: interleavings converge, so a shard's
 * part of an early level still reaches most later states (measured in the README: splitting
 * depth 8 in three at level 5 left each shard 95% of the states, at level 7 84% and half the
 * transitions), and the last expansion is the bulk of the work.
 */
export function splitsHere(
  shard: Shard, splitDepth: number | null, depth: number, depthMax: number, frontier: number,
): boolean {
  if (splitDepth !== null) return depth === splitDepth;
  if (Number.isFinite(depthMax)) return depth === Math.max(0, depthMax - 1);
  return frontier >= statesPerShardAtSplit * shard.count;
}

/** Shard i's seed for a random or coverage search: distinct for distinct shards of one base seed, within 0..2^31-1. */
export function shardSeed(seed: number, shard: Shard): number {
  return (seed * shard.count + shard.index) % 2 ** 31;
}

/** Parses the CLI form "i/N" (1 <= i <= N), 1-based as in Playwright and Jest. */
export function parseShard(raw: string): { ok: true; value: Shard } | { ok: false; error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (m === null) return { ok: false, error: `--shard takes i/N, like 2/8, got "${raw}"` };
  const i = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000) return { ok: false, error: `--shard: N must be in 1..10000, got ${count}` };
  if (i < 1 || i > count) return { ok: false, error: `--shard: i must be in 1..${count}, got ${i}` };
  return { ok: true, value: { index: i - 1, count } };
}
