/**
 * Partial-order reduction by sleep sets (Godefroid 1996, ch. 5), adapted to BFS with state matching (issue 13).
 *
 * Why sleep sets and not persistent (ample) sets: mail is an unordered multiset, so any node's step may put a new
 * message in flight to node j, and a delivery of it to j depends on every other delivery to j. A set of actions at
 * j is therefore persistent only when no other node can send to j again, which almost never holds here (SPIN's
 * reduction relies on FIFO channels, where a receive stays the same receive whatever others send).
 *
 * Sleep sets prune transitions, never states: when state q explored u and then v, with u and v independent
 * (por-keys.ts), q.v.u = q.u.v has been reached through u first, so u sleeps in q.v and is not tried there. A
 * sleeping action stays asleep along a path while each taken action is independent of it.
 *
 * Every reachable state within the bound is still reached at its BFS depth. Order the paths of one length
 * lexicographically by the index of each action in its state's fixed enumeration (the path's action indices).
 * Claim, by induction on the depth: each state is first reached by the last edge of its least shortest path, and
 * a level is expanded in the order of its states' least paths (the frontier is FIFO). Take s at depth D+1 with
 * least path ending q -v-> p -u-> s. Any other edge into s from depth D leaves a state expanded later than p or
 * has a larger index at p, so it comes later; it remains to show that u does not sleep in p. p's sleep set is what
 * its first, least edge gave it: the actions that slept in q or were explored at q before v, independent of v. If
 * u was explored at q before v, then q -u-> -v-> s is a path of the same length and smaller at q; if it slept in
 * q, the same holds at the ancestor that explored it, as u is independent of every action taken since. Either way
 * the least path was not least. So no intersection of sleep sets over a state's edges is needed: in BFS the first
 * edge into a state is its least one, and later edges into it can only be larger.
 *
 * Visibility: none needed. Every state is reached, so the state invariants and `sometimes` properties, which read
 * the honest nodes' states, judge every reachable honest tuple as without the reduction. Transition checks (I3's
 * order, I5, I6, I9, I10's step judgements) read one node's step: a sleeping u at p steps its target from the same
 * state with the same input as at the ancestor that explored it, so that very step was judged there. No ignoring
 * (cycle) proviso either: that is a persistent-set hazard; a sleeping transition's successor is already reached.
 * With dead mail collected, commuting also relies on dead mail staying dead (dead-mail.ts, isDeadMail's "for
 * ever"); the soundness test and `--check-por` (`sleepSetInvariant`) would see a world lost to a lapse.
 */
import type { Action } from "./actions.js";
import { ActionKeys } from "./por-keys.js";
import type { CheckContext } from "./context.js";

interface Pending {
  readonly sleep: Int32Array;
  readonly depth: number;
}

const noSleep = new Int32Array(0);

/**
 * The cross-check's pseudo-invariant (`--check-por`): a sleeping transition is tried anyway and must reach a state
 * already known. By the argument above its state was reached by a smaller path, hence earlier in BFS order.
 */
export const sleepSetInvariant = "sleep-set cross-check";


export class SleepSets {
  /** Transitions not tried because their action slept. */
  pruned = 0;
  readonly keys: ActionKeys;
  /** States reached and not yet expanded, by state index. */
  private readonly byIndex = new Map<number, Pending>();
  private current: Int32Array = noSleep;
  private depth = 0;
  /**
   * The actions that took a transition so far in the state being expanded, in enumeration order, and the ids of
   * the first `exploredIds.length` of them: ids are looked up only when a new successor needs them.
   */
  private readonly explored: Action[] = [];
  private readonly exploredIds: number[] = [];
  private scratch = new Int32Array(64);

  /** `depthMax`: states at that depth are never expanded, so their sleep sets are not kept. */
  constructor(ctx: CheckContext, private readonly depthMax: number) {
    this.keys = new ActionKeys(ctx);
  }

  /** Starts expanding state `index` (the root, or a state `admit` saw). */
  begin(index: number): void {
    const entry = this.byIndex.get(index);
    this.explored.length = 0;
    this.exploredIds.length = 0;
    if (entry === undefined) { this.current = noSleep; this.depth = 0; return; }
    this.byIndex.delete(index);
    this.current = entry.sleep;
    this.depth = entry.depth;
  }

  /** Whether `action` sleeps in the state being expanded (never when nothing sleeps: no id is looked up then). */
  asleep(action: Action): boolean {
    const z = this.current;
    if (z.length === 0) return false;
    const id = this.keys.idOf(action);
    if (id < 0) return false;
    let lo = 0;
    let hi = z.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = z[mid] as number;
      if (x === id) return true;
      if (x < id) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  /** `action` was tried and took a transition: later siblings hand it to their successors. */
  explore(action: Action): void {
    this.explored.push(action);
  }

  /** A new successor by `action`: it starts with what sleeps here or was explored here, if independent of it. */
  admit(index: number, action: Action, growsKnowledge: boolean): void {
    if (this.depth + 1 >= this.depthMax) return;
    const sleep = this.childSleep(this.keys.idOf(action), growsKnowledge);
    this.byIndex.set(index, { sleep, depth: this.depth + 1 });
  }

  private childSleep(id: number, growsKnowledge: boolean): Int32Array {
    if (id < 0) return noSleep;
    const keys = this.keys;
    const ids = this.exploredIds;
    for (let i = ids.length; i < this.explored.length; i++) ids.push(keys.idOf(this.explored[i] as Action));
    const need = this.current.length + ids.length;
    if (this.scratch.length < need) this.scratch = new Int32Array(need * 2);
    const out = this.scratch;
    let k = 0;
    for (const x of this.current) if (keys.independent(x, id, growsKnowledge)) out[k++] = x;
    for (const x of ids) if (x >= 0 && keys.independent(x, id, growsKnowledge)) out[k++] = x;
    return k === 0 ? noSleep : out.slice(0, k).sort();
  }
}
