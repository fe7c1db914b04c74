/**
 * Exhaustive breadth-first search from given root states instead of the model's
 * initial one, over any SearchModel: every transition within `depthMax` actions
 * of a root is judged (the model's judged step: transition check, invariants) and
 * every new state is kept once in a visited set with its parent log (StateStore),
 * so a path to any state reached is rebuilt as (root, action indices from it).
 *
 * One RootedBfs may be called many times (coverage search's neighbourhoods): the
 * store is shared by the calls, so no state is added twice in one run. A root
 * already known (say a leaf of an earlier call: judged, never expanded) is entered
 * under a fresh root entry (its fingerprint salted by a counter), so its successors
 * have a root to lead back to; the successors already known are not explored again.
 * States are kept as reached and deduplicated by the fingerprint of their canonical
 * form, so a path of action indices replays literally from its root.
 */
import { judgedStep, type SearchModel, type Verdict } from "./search-model.js";
import { rootParent } from "./parent-log.js";
import { StateStore } from "./state-store.js";
import { VisitedSetFull } from "./visited-set.js";

export interface RootedBfsOptions<S = unknown> {
  /** Actions from the root: states at this distance are judged but not expanded. */
  readonly depthMax: number;
  /** New states this call may add before it stops ("states"). */
  readonly statesMax?: number;
  /** Polled every `pollEvery` transitions (a wall-clock stop lives with the caller). */
  readonly stop?: () => boolean;
  readonly pollEvery?: number;
  /** Told of every new state (judged, clean) and its index, e.g. to archive a new coverage cell. */
  readonly onNew?: (state: S, index: number) => void;
}

export type RootedStop = "exhausted" | "depth" | "states" | "memory" | "time" | "violation";

/** A violation: on the step `action` (an index into the actions of state `index`) out of state `index`. */
export interface RootedViolation {
  readonly verdict: Verdict;
  readonly index: number;
  readonly action: number;
}

export interface RootedBfsResult {
  /** States this call added to the store (the root included when it was new). */
  readonly states: number;
  readonly transitions: number;
  /** Every state within this many actions of the root was judged. */
  readonly depthExplored: number;
  readonly stopReason: RootedStop;
  readonly violation: RootedViolation | null;
  /** The root's index in the store. */
  readonly root: number;
}

const defaultPollEvery = 256;
/** Salts of a known root's fresh entry (odd constants that spread the counter). */
const rerootSaltHi = 0x6a09e667;
const rerootSaltLo = 0x9e3779b9;

export class RootedBfs<S, A> {
  private readonly store: StateStore;
  /** Roots entered under a salted fingerprint so far (each salt differs). */
  private reroots = 0;
  private readonly fp = { hi: 0, lo: 0 };
  transitions = 0;

  constructor(private readonly model: SearchModel<S, A>, bytesMax = Number.MAX_SAFE_INTEGER) {
    this.store = new StateStore({ bytesMax, capacityInitial: 1 << 12 });
  }

  /** Distinct states held across every call. */
  get size(): number { return this.store.size; }

  get bytes(): number { return this.store.bytes; }

  /** The root index a state's path starts from: the root of the call that first reached it. */
  rootOf(index: number): number {
    let at = index;
    while (this.store.parentOf(at) !== rootParent) at = this.store.parentOf(at);
    return at;
  }

  /** The action indices from rootOf(index) to state `index`. */
  pathTo(index: number): number[] { return this.store.pathTo(index); }

  /** The actions of a violation's path, from rootOf(index): the indices replayed from `root` to name them. */
  actionsTo(root: S, violation: RootedViolation): A[] {
    return this.actionsAlong(root, [...this.pathTo(violation.index), violation.action]);
  }

  /** The actions from rootOf(index) to state `index`, replayed from `root` (that root's state). */
  actionsToState(root: S, index: number): A[] {
    return this.actionsAlong(root, this.pathTo(index));
  }

  private actionsAlong(root: S, indices: readonly number[]): A[] {
    const out: A[] = [];
    let state = root;
    for (const [k, i] of indices.entries()) {
      const action = this.model.actions(state)[i];
      if (action === undefined) throw new RangeError(`rooted path: action ${i} is not enabled`);
      out.push(action);
      // Not past the last: a violation's own step may be one the model cannot build (a core assertion).
      if (k + 1 < indices.length) state = this.model.successor(state, action);
    }
    return out;
  }

  /** Explores from `root` (already judged by the caller) to `options.depthMax`, sharing the store. */
  explore(root: S, options: RootedBfsOptions<S>): RootedBfsResult {
    const statesBefore = this.store.size;
    const transitionsBefore = this.transitions;
    const result = (stopReason: RootedStop, depthExplored: number, violation: RootedViolation | null,
      rootIndex: number): RootedBfsResult => ({
      states: this.store.size - statesBefore, transitions: this.transitions - transitionsBefore,
      depthExplored, stopReason, violation, root: rootIndex,
    });
    this.fingerprint(root);
    let rootIndex = this.add(rootParent, -1);
    if (rootIndex !== null && rootIndex < 0) {
      // Known: a salted entry stands for it (a 64-bit fingerprint no state is expected to have).
      this.reroots++;
      this.fp.hi = (this.fp.hi ^ rerootSaltHi) >>> 0;
      this.fp.lo = (this.fp.lo ^ Math.imul(this.reroots, rerootSaltLo)) >>> 0;
      rootIndex = this.add(rootParent, -1);
    }
    if (rootIndex === null || rootIndex < 0) return result("memory", 0, null, -1);
    let level: { state: S; index: number }[] = [{ state: root, index: rootIndex }];
    const pollEvery = options.pollEvery ?? defaultPollEvery;
    const statesMax = options.statesMax ?? Number.POSITIVE_INFINITY;
    for (let depth = 0; level.length > 0; depth++) {
      if (depth >= options.depthMax) return result("depth", depth, null, rootIndex);
      const next: { state: S; index: number }[] = [];
      for (const { state, index } of level) {
        const actions = this.model.actions(state);
        for (let i = 0; i < actions.length; i++) {
          this.transitions++;
          if (this.transitions % pollEvery === 0 && options.stop?.() === true) {
            return result("time", depth, null, rootIndex);
          }
          const step = judgedStep(this.model, state, actions[i] as A);
          if (step.verdict !== null) return result("violation", depth, { verdict: step.verdict, index, action: i },
            rootIndex);
          this.fingerprint(step.state);
          const added = this.add(index, i);
          if (added === null) return result("memory", depth, null, rootIndex);
          if (added < 0) continue;
          next.push({ state: step.state, index: added });
          options.onNew?.(step.state, added);
          if (this.store.size - statesBefore >= statesMax) return result("states", depth, null, rootIndex);
        }
      }
      level = next;
    }
    // No new state at the last level: everything reachable from the root was judged.
    return result("exhausted", Number.POSITIVE_INFINITY, null, rootIndex);
  }

  private fingerprint(state: S): void {
    this.model.fingerprint(this.model.canonical?.(state) ?? state, this.fp);
  }

  /** Adds the last fingerprinted state: its index, -1 when known, null when the memory bound is reached. */
  private add(parent: number, action: number): number | null {
    try {
      return this.store.add(this.fp.hi, this.fp.lo, parent, action);
    } catch (e) {
      if (e instanceof VisitedSetFull) return null;
      throw e;
    }
  }
}
