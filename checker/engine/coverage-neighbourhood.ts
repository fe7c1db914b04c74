/**
 * Neighbourhoods of coverage search (`--hood D`): when an excursion reaches a new
 * cell, every state within D actions of it is explored exhaustively (rooted-bfs.ts),
 * every transition and state judged as the excursions judge theirs. Why: a cell is
 * where new protocol progress was just made (a view change began, a certificate
 * formed), and the input that breaks a broken validity check must arrive there, in
 * that phase; an excursion draws a few random moves out of thousands, BFS tries all.
 *
 * The visited set is shared by every neighbourhood of a run (no state is added
 * twice). The neighbourhoods draw nothing from the seed, so the excursions' own
 * random sequence is the same with or without them; only the time they take (a
 * wall-clock stop) and a violation found earlier change what a run does.
 */
import { RootedBfs, type RootedBfsOptions } from "./rooted-bfs.js";
import type { SearchModel, Verdict } from "./search-model.js";

export interface NeighbourhoodOptions {
  /** Actions from the new cell's state to explore to (0: off). */
  readonly depth: number;
  /** New states one neighbourhood may add before it stops (a hub state's neighbourhood is cut there). */
  readonly statesMax?: number;
  /** Bytes the shared visited set may grow to. */
  readonly bytesMax?: number;
  /**
   * A neighbourhood state whose cell is new joins the archive (Go-Explore: it is progress too), without a
   * neighbourhood of its own. Off by default: the archive then differs, and so do the excursions drawn from it.
   */
  readonly archive?: boolean;
}

export interface NeighbourhoodCounts {
  /** Neighbourhoods explored (one per new cell). */
  readonly roots: number;
  readonly states: number;
  readonly transitions: number;
  /** Neighbourhoods cut short by their states bound, the memory bound or the stop. */
  readonly cut: number;
}

/** A violation in a neighbourhood: the path from its root to the bad step, and the verdict. */
export interface NeighbourhoodViolation<A, P> {
  /** What the caller handed in with the root (coverage search: its path from the initial state). */
  readonly rootTag: P;
  readonly actions: readonly A[];
  readonly verdict: Verdict;
}

export class Neighbourhoods<S, A, P> {
  private readonly bfs: RootedBfs<S, A>;
  /** Each root entry's state and tag, by its index in the shared store. */
  private readonly roots = new Map<number, { readonly state: S; readonly tag: P }>();
  private cut = 0;

  constructor(model: SearchModel<S, A>, private readonly options: NeighbourhoodOptions) {
    this.bfs = new RootedBfs(model, options.bytesMax);
  }

  get counts(): NeighbourhoodCounts {
    return { roots: this.roots.size, states: this.bfs.size, transitions: this.bfs.transitions, cut: this.cut };
  }

  /** Explores the neighbourhood of `state` (judged already); a violation found there, or null. */
  explore(state: S, tag: P, stop?: () => boolean, onNew?: (state: S, actions: () => A[]) => void):
    NeighbourhoodViolation<A, P> | null {
    const options: RootedBfsOptions<S> = {
      ...(onNew !== undefined
        ? { onNew: (s: S, index: number) => onNew(s, () => this.bfs.actionsToState(state, index)) } : {}),
      depthMax: this.options.depth,
      ...(this.options.statesMax !== undefined ? { statesMax: this.options.statesMax } : {}),
      ...(stop !== undefined ? { stop } : {}),
    };
    const r = this.bfs.explore(state, options);
    if (r.root >= 0) this.roots.set(r.root, { state, tag });
    if (r.stopReason === "states" || r.stopReason === "memory" || r.stopReason === "time") this.cut++;
    if (r.violation === null) return null;
    const from = this.roots.get(this.bfs.rootOf(r.violation.index));
    if (from === undefined) throw new RangeError("neighbourhood violation without a known root");
    return { rootTag: from.tag, actions: this.bfs.actionsTo(from.state, r.violation), verdict: r.violation.verdict };
  }
}
