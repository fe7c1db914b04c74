/**
 * Exhaustive breadth-first search (DESIGN.md §6), protocol-agnostic: the model
 * expands states (bfs-expansion.ts). Every state reached within
 * `depthMax` actions is held to the model's properties; states are deduplicated
 * by 64-bit fingerprint in a typed-array set, and each stores only its parent's
 * index and the action index that reached it, so a counterexample is rebuilt by
 * replaying actions from the initial state. BFS finds a shortest one.
 */
import type { BfsExpansion, FoundViolation, Frontier } from "./bfs-expansion.js";
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
  return new BfsRun(expander, options).run();
}

/** One search's mutable state, so that each step below is a named method rather than a closure flag. */
class BfsRun<S> {
  private readonly store: StateStore;
  private readonly shard: Shard | null;
  private readonly pollEvery: number;
  private nextPoll: number;
  private splitDepth: number | null = null;
  /** The level being expanded and the one being built from it. */
  private frontier: Frontier<S>;
  private next: Frontier<S>;
  private depth = 0;

  constructor(private readonly expander: BfsExpansion<S>, private readonly options: BfsOptions) {
    this.store = new StateStore({ bytesMax: options.bytesMax, capacityInitial: 1 << 16 });
    this.shard = options.shard ?? null;
    this.pollEvery = options.pollEvery ?? 1 << 14;
    this.nextPoll = this.pollEvery;
    // A model may hold a level compactly (byzcommit: rows of interned ids, frontier-queue.ts).
    this.frontier = expander.newFrontier();
    this.next = expander.newFrontier();
  }

  run(): BfsResult {
    const { expander, store, options } = this;
    const root = expander.root();
    const rootFingerprint = expander.fingerprint(root);
    store.addRoot(rootFingerprint.hi, rootFingerprint.lo);
    const rootViolation = expander.check(root);
    if (rootViolation !== null) return this.finish("violation", 0, { ...rootViolation, path: [] });
    this.frontier.push(root, 0);
    for (; this.frontier.length > 0; this.depth++) {
      if (this.depth >= options.depthMax) return this.finish("depth", this.depth, null);
      // The states of the last level are checked but never expanded: keeping them would double the peak memory.
      const keep = this.depth + 1 < options.depthMax;
      const sizeBefore = store.size;
      this.next = expander.newFrontier();
      const stopped = this.expandLevel(keep);
      if (stopped !== null) return stopped;
      // Unkept, the last level still says whether the search was cut by the bound or ran dry.
      const grew = store.size > sizeBefore;
      if (grew) this.reportLevel();
      if (!keep) return this.finish(grew ? "depth" : "exhausted", grew ? this.depth + 1 : this.depth, null);
      this.frontier = this.next;
    }
    // Exhausted: the last level produced no new state, so every reachable state was checked.
    return this.finish("exhausted", this.depth - 1, null);
  }

  /** Expands every state of the current level (this shard's part of it, at the split level); a result if it stopped. */
  private expandLevel(keep: boolean): BfsResult | null {
    const { expander, store, shard, options } = this;
    const split = shard !== null && this.splitDepth === null &&
      splitsHere(shard, options.splitDepth ?? null, this.depth, options.depthMax, this.frontier.length);
    if (split) this.splitDepth = this.depth;
    const onNew = (successor: S, index: number): StopReason | null => this.admit(successor, index, keep);
    // A row's `parent` field is the index of the state it holds: its children name it as their parent.
    for (let row = this.frontier.pop(); row !== null; row = this.frontier.pop()) {
      const { state, parent } = row;
      if (split && shardOf(parent, (shard as Shard).count) !== (shard as Shard).index) continue;
      const stop = expander.expand(state, parent, store, onNew);
      if (typeof stop === "string") return this.finish(stop as StopReason, this.depth, null);
      if (stop !== null) return this.finish("violation", this.depth, violationWithPath(stop, store));
    }
    return null;
  }

  /** Admits a new successor (already in the visited set): keeps it for the next level, applies the budgets. */
  private admit(successor: S, index: number, keep: boolean): StopReason | null {
    const { store, options } = this;
    if (keep) this.next.push(successor, index);
    if (store.size >= options.statesMax) return "states";
    if (store.size < this.nextPoll) return null;
    this.nextPoll += this.pollEvery;
    const frontierBytes = this.frontier.bytes + this.next.bytes;
    const transitions = this.expander.transitions;
    const frontier = this.frontier.length;
    const progress = { states: store.size, transitions, depth: this.depth, frontier, frontierBytes };
    return options.poll?.(progress) ?? null;
  }

  private reportLevel(): void {
    const { next, store } = this;
    const transitions = this.expander.transitions;
    const depth = this.depth + 1;
    const level = { states: store.size, transitions, depth, frontier: next.length, frontierBytes: next.bytes };
    this.options.onLevel?.(level);
  }

  private finish(stopReason: StopReason, depthExplored: number, violation: Violation | null): BfsResult {
    const { store, expander } = this;
    return {
      distinctStates: store.size, transitions: expander.transitions, depthExplored, stopReason,
      complete: stopReason === "exhausted", violation, reached: [...expander.reached()], visitedBytes: store.bytes,
      splitDepth: this.splitDepth,
    };
  }
}

/** The action path from the root to a found violation, rebuilt from the parent log. */
export function violationWithPath(found: FoundViolation, parents: { pathTo(index: number): number[] }): Violation {
  const path = parents.pathTo(found.index);
  const full = found.action === null ? path : [...path, found.action];
  return { invariant: found.invariant, message: found.message, path: full };
}
