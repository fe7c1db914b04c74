/**
 * Memoized deliveries: the routed effect of delivering one signed message to one
 * node state, computed once per distinct (state, message) pair of a run.
 *
 * Why it is sound: the core is pure (`step` depends only on its arguments, and the
 * tidy test keeps clocks, randomness and I/O out of it), messages are interned
 * (message-intern.ts: equal messages are one object), and result states are
 * hash-consed here (equal states are one object), so an identity-keyed cache
 * returns exactly what a fresh step would, as a value. Everything the routing
 * adds to the world is a function of the step result alone, except for the
 * world's current timers, in-flight multiset and knowledge, which the delta
 * records as operations (see `RoutedStep`) rather than results.
 *
 * Why it pays: the explorer delivers the same Byzantine vote to the same node state
 * from thousands of worlds that differ elsewhere; each is now one lookup.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { step } from "../../impl/core/step.js";
import type { NodeState, Output, StepResult } from "../../impl/core/types.js";
import type { StepContext } from "./step-context.js";
import { effectOf, routeOutputs, type RoutedStep } from "./routed-step.js";
import { checkDelivery, checkHonestMessageAsProof } from "./transition-checks.js";
import { checkJustifiedDelivery } from "./justify-checks.js";
import { sameData } from "./same-data.js";

/**
 * Bound on the hash-consing table. BFS meets a few thousand distinct node states, but
 * random mode shares one context across thousands of runs; past the bound the table
 * starts afresh, which only loses sharing (memo rows are keyed weakly by state object).
 */
const canonicalStatesMax = 1 << 18;

export class StepMemo {
  private readonly byState = new WeakMap<NodeState, Map<SignedMessage, RoutedStep>>();
  /** The core's raw outputs of the watched deliveries (`observed`), by their routed step. */
  private readonly outputs = new WeakMap<RoutedStep, readonly Output[]>();
  /** Hash-consing of result states: structural fingerprint -> the one object of that value. */
  private readonly states = new Map<string, NodeState>();
  /** The row of the last state asked about. */
  private lastBefore: NodeState | null = null;
  private lastRow: Map<SignedMessage, RoutedStep> | undefined = undefined;

  /** Number of distinct node states held (for the bench's bytes-per-state figure). */
  get statesHeld(): number {
    return this.states.size;
  }

  delivered(before: NodeState, id: NodeId, from: NodeId, message: SignedMessage, ctx: StepContext): RoutedStep {
    const row = this.rowOf(before);
    let routed = row.get(message);
    if (routed === undefined) {
      routed = routeDelivery(before, id, from, message, ctx, (result) => this.canonical(result, ctx)).routed;
      row.set(message, routed);
    }
    return routed;
  }

  /**
   * A delivery whose raw outputs an observer watches (transition.ts): the memoized routed step with the core's
   * outputs of that same step, kept beside it once watched. Only watched deliveries keep outputs (replay, the
   * healed phase, the simulator), so BFS, which watches none, holds no more than before.
   */
  observed(before: NodeState, id: NodeId, from: NodeId, message: SignedMessage, ctx: StepContext):
    { routed: RoutedStep; out: readonly Output[] } {
    const row = this.rowOf(before);
    const known = row.get(message);
    const kept = known === undefined ? undefined : this.outputs.get(known);
    if (known !== undefined && kept !== undefined) return { routed: known, out: kept };
    const fresh = routeDelivery(before, id, from, message, ctx, (result) => this.canonical(result, ctx));
    // An entry made unwatched keeps its object: the core is pure, so the fresh step equals it.
    const routed = known ?? fresh.routed;
    if (known === undefined) row.set(message, routed);
    this.outputs.set(routed, fresh.out);
    return { routed, out: fresh.out };
  }

  private rowOf(before: NodeState): Map<SignedMessage, RoutedStep> {
    // The explorer tries the moves to one target state back to back: the last row saves most WeakMap lookups.
    let row = this.lastBefore === before ? this.lastRow : this.byState.get(before);
    if (row === undefined) {
      row = new Map();
      this.byState.set(before, row);
    }
    this.lastBefore = before;
    this.lastRow = row;
    return row;
  }

  /** The step result with its state replaced by the one shared object of equal value. */
  private canonical(result: StepResult, ctx: StepContext): StepResult {
    const h = ctx.hasher.hash(result.state);
    const key = `${h.hi}:${h.lo}`;
    const known = this.states.get(key);
    if (known === undefined) {
      if (this.states.size >= canonicalStatesMax) this.states.clear();
      this.states.set(key, result.state);
      return result;
    }
    // Equal fingerprints of unequal values (a 64-bit collision) keep the fresh object: never merge them.
    if (known === result.state || !sameData(known, result.state)) return result;
    return { state: known, out: result.out };
  }
}

/**
 * One delivery stepped and routed, with the delivery's own checks: what the memo keeps on a miss, with the core's
 * raw outputs for a watched one. `canonical` may swap in an equal state object (hash-consing).
 */
function routeDelivery(before: NodeState, id: NodeId, from: NodeId, message: SignedMessage, ctx: StepContext,
  canonical: (result: StepResult) => StepResult = (result) => result): { routed: RoutedStep; out: readonly Output[] } {
  const result = step(before, { kind: "Delivered", from, message }, ctx.env);
  // The effect is judged on the raw result, before hash-consing can swap in an equal object.
  const routed = routeOutputs(id, canonical(result), before, ctx, effectOf(before, result));
  // The step's own checks (order, reports) first, then the delivery's (spec/invariants/transitions.ts).
  const violation = routed.violation ?? checkDelivery(before, result.state, message, ctx.env) ??
    checkJustifiedDelivery(before, result.state, message, ctx.judge) ?? checkHonestMessageAsProof(id, message, ctx);
  // Same shape: only the value differs.
  return { routed: violation === routed.violation ? routed : { ...routed, violation }, out: result.out };
}
