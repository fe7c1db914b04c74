/**
 * Exhaustive breadth-first search (DESIGN.md §6), protocol-agnostic: the model
 * expands states (bfs-expansion.ts). Every state reached within
 * `depthMax` actions is held to the model's properties; states are deduplicated
 * by 64-bit fingerprint in a typed-array set, and each stores only its parent's
 * index and the action index that reached it, so a counterexample is rebuilt by
 * replaying actions from the initial state. BFS finds a shortest one.
 */
import type { BfsExpansion, FoundViolation } from "./bfs-expansion.js";
import { ModelExpansion } from "./model-expansion.js";
import type { SearchModel } from "./search-model.js";
import { StateStore } from "./state-store.js";
import { shardOf, splitsHere, type Shard } from "./shard.js";

export type StopReason = "exhausted" | "depth" | "states" | "memory" | "time" | "violation";

export interface Violation {
  readonly invariant: string;
  readonly message: string;
  /** Action indices from the initial state (the model's actions, in its fixed order). */
  readonly path: readonly number[];
}

export interface BfsProgress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  /** Bytes held by the compact frontier: the level being expanded plus the one being built. */
  readonly frontierBytes: number;
}

export interface BfsOptions {
  readonly depthMax: number;
  readonly statesMax: number;
  readonly bytesMax: number;
  /**
   * Polled every `pollEvery` new states: the CLI's wall-clock and heap budgets and its progress
   * line live there. Returns why to stop ("time" or "memory"), or null to go on.
   */
  readonly poll?: (p: BfsProgress) => "time" | "memory" | null;
  /**
   * Called when every state at distance <= `depth` has been reached: the CLI stamps each level
   * with wall time and RSS for the growth table. `frontier` counts the level's kept states.
   */
  readonly onLevel?: (level: BfsProgress) => void;
  /** Search only this shard's part below the split level (shard.ts); null or absent: the whole search. */
  readonly shard?: Shard | null;
  /** The level at which a sharded search splits; null or absent: shard.ts's splitsHere chooses. */
  readonly splitDepth?: number | null;
  readonly pollEvery?: number;
}

export interface BfsResult {
  readonly distinctStates: number;
  readonly transitions: number;
  /** Every state at distance <= depthExplored from the start was reached and checked. */
  readonly depthExplored: number;
  readonly stopReason: StopReason;
  readonly complete: boolean;
  readonly violation: Violation | null;
  readonly reached: readonly string[];
  readonly visitedBytes: number;
  /** The level a sharded search split at, or null (not sharded, or the bound came first: then it ran whole). */
  readonly splitDepth: number | null;
}

/** Exhaustive BFS of a plain SearchModel (successors built, canonicalized, fingerprinted, judged). */
export function exploreModelBfs<S, A>(model: SearchModel<S, A>, options: BfsOptions): BfsResult {
  return exploreBfsOf(new ModelExpansion(model), options);
}

/** Exhaustive BFS over whatever expands the states: the level loop, the visited set and the parent log. */
export function exploreBfsOf<S>(expander: BfsExpansion<S>, options: BfsOptions): BfsResult {
  const store = new StateStore({ bytesMax: options.bytesMax, capacityInitial: 1 << 16 });
  const root = expander.root();
  const rootFingerprint = expander.fingerprint(root);
  store.addRoot(rootFingerprint.hi, rootFingerprint.lo);
  const shard = options.shard ?? null;
  let splitDepth: number | null = null;
  const finish = (stopReason: StopReason, depthExplored: number, violation: Violation | null): BfsResult => ({
    distinctStates: store.size, transitions: expander.transitions, depthExplored, stopReason,
    complete: stopReason === "exhausted", violation, reached: [...expander.reached()], visitedBytes: store.bytes,
    splitDepth,
  });
  const rootViolation = expander.check(root);
  if (rootViolation !== null) return finish("violation", 0, { ...rootViolation, path: [] });

  // A model may hold a level compactly (byzcommit: rows of interned ids, frontier-queue.ts).
  let frontier = expander.newFrontier();
  frontier.push(root, 0);
  const pollEvery = options.pollEvery ?? 1 << 14;
  let nextPoll = pollEvery;
  let depth = 0;
  for (; frontier.length > 0; depth++) {
    if (depth >= options.depthMax) return finish("depth", depth, null);
    const next = expander.newFrontier();
    // The states of the last level are checked but never expanded: keeping them would double the peak memory.
    const keep = depth + 1 < options.depthMax;
    const sizeBefore = store.size;
    const onNew = (successor: S, index: number): StopReason | null => {
      if (keep) next.push(successor, index);
      if (store.size >= options.statesMax) return "states";
      if (store.size < nextPoll) return null;
      nextPoll += pollEvery;
      const frontierBytes = frontier.bytes + next.bytes;
      const transitions = expander.transitions;
      const progress = { states: store.size, transitions, depth, frontier: frontier.length, frontierBytes };
      return options.poll?.(progress) ?? null;
    };
    // A row's `parent` field is the index of the state it holds: its children name it as their parent.
    const split = shard !== null && splitDepth === null &&
      splitsHere(shard, options.splitDepth ?? null, depth, options.depthMax, frontier.length);
    if (split) splitDepth = depth;
    for (let row = frontier.pop(); row !== null; row = frontier.pop()) {
      const { state, parent } = row;
      if (split && shardOf(parent, (shard as Shard).count) !== (shard as Shard).index) continue;
      const stop = expander.expand(state, parent, store, onNew);
      if (typeof stop === "string") return finish(stop as StopReason, depth, null);
      if (stop !== null) return finish("violation", depth, violationWithPath(stop, store));
    }
    // Unkept, the last level still says whether the search was cut by the bound or ran dry.
    if (store.size > sizeBefore) {
      const transitions = expander.transitions;
      const frontierBytes = next.bytes;
      const level = { states: store.size, transitions, depth: depth + 1, frontier: next.length, frontierBytes };
      options.onLevel?.(level);
    }
    if (!keep) return finish(store.size > sizeBefore ? "depth" : "exhausted", store.size > sizeBefore ? depth + 1 : depth, null);
    frontier = next;
  }
  // Exhausted: the last level produced no new state, so every reachable state was checked.
  return finish("exhausted", depth - 1, null);
}

/** The action path from the root to a found violation, rebuilt from the parent log. */
export function violationWithPath(found: FoundViolation, parents: { pathTo(index: number): number[] }): Violation {
  const path = parents.pathTo(found.index);
  const full = found.action === null ? path : [...path, found.action];
  return { invariant: found.invariant, message: found.message, path: full };
}
