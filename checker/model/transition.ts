/**
 * One transition's semantics, written once (DESIGN.md §6): what an action changes,
 * as a small delta on its world. Both things the checker needs from a transition
 * are derived from that delta and from nothing else: the successor world (`commit`)
 * and the successor's fingerprint before it is built (successor-fingerprint.ts:
 * `after`). So the two cannot drift apart. Also checks the transition properties
 * that a single state cannot show: integrity of execution order (I3) and detection
 * completeness (I6), through the routed steps (routed-step.ts). Whoever shows what a
 * node emitted (replay --verbose, the simulator's log, the scenario driver) passes a
 * `StepObserver`: it sees the core's raw outputs of the very steps the delta records,
 * so nothing steps the core a second time to show them.
 *
 * A delta says: which node changes (its timers cleared first, then the routed steps
 * it took, each carrying its new state, sends, leaks and timer operations), which
 * envelope leaves the network and which is copied onto it, and the successor's
 * budgets, partition and silence. The explorer fills one delta in place per action,
 * so reading a transition allocates nothing beyond the memoized steps.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { initialState, restart, step } from "../../impl/core/step.js";
import type { Input, NodeState, Output } from "../../impl/core/types.js";
import { assertNever } from "../../impl/core/assert.js";
import { isRunning, type Action } from "./actions.js";
import type { Budgets } from "./check-config.js";
import type { CheckContext } from "./context.js";
import { applyRouted, effectOf, routeOutputs, type RoutedStep, type StepEffect } from "./routed-step.js";
import { checkRestart, type TransitionViolation } from "./transition-checks.js";
import {
  insertEnvelope, removeEnvelopeAt, sameEnvelope, timerBits, withWorld, type Envelope, type World,
} from "./world.js";
import { asNodeId } from "../../spec/ids.js";

/** The delta's `node` when no node steps or changes its timers. */
const noNode = asNodeId(-1);

/** All timer bits: a crash or silence stops every timer of its node. */
const allTimers = -1;

export interface Delta {
  /** The node whose state or timers change, or -1 when none does. */
  node: NodeId;
  /** Timer bits of `node` cancelled before it steps: a fired timer; all of them on a crash or silence. */
  timersCleared: number;
  /** The steps `node` took, in order: none, one, or two (an equivocation's two messages). */
  first: RoutedStep | null;
  second: RoutedStep | null;
  /** The envelope that leaves the network (a delivery or a drop), and the one copied onto it (a duplicate). */
  removed: Envelope | null;
  copied: Envelope | null;
  /** The successor's fault budgets used, isolated node and silence: the parent's own when unchanged. */
  used: Budgets;
  isolated: number;
  silenced: boolean;
  /** How the stepped node reacted (routed-step.ts); "reacted" for actions that step no node. */
  effect: StepEffect;
  violation: TransitionViolation | null;
}

/** Sees the core's raw outputs of each step a transition takes: one call per step, in order. */
export interface StepObserver {
  stepped(node: NodeId, out: readonly Output[]): void;
}

export const emptyDelta = (world: World): Delta => ({
  node: noNode, timersCleared: 0, first: null, second: null, removed: null, copied: null,
  used: world.used, isolated: world.isolated, silenced: world.silenced, effect: "none", violation: null,
});

/** Fills `into` with what `action` changes in `world`, and returns it; `observer` sees the outputs of its steps. */
export function transition(world: World, action: Action, ctx: CheckContext, into: Delta,
  observer: StepObserver | null = null): Delta {
  reset(world, into);
  switch (action.kind) {
    case "deliver": {
      const e = action.envelope;
      into.removed = e;
      return took(into, e.to, delivered(world.nodes[e.to] as NodeState, e.to, e.from, e.message, ctx, observer));
    }
    case "drop":
      into.removed = action.envelope;
      into.used = { ...world.used, loss: world.used.loss + 1 };
      return into;
    case "duplicate":
      into.copied = action.envelope;
      into.used = { ...world.used, dup: world.used.dup + 1 };
      return into;
    case "fire":
      into.node = action.node;
      into.timersCleared = timerBits[action.timer];
      into.used = { ...world.used, timeouts: world.used.timeouts + 1 };
      return stepNode(world, action.node, { kind: "TimerFired", timer: action.timer }, ctx, into, observer);
    case "isolate":
      into.isolated = action.node;
      into.used = { ...world.used, partitions: world.used.partitions + 1 };
      return into;
    case "heal":
      into.isolated = -1;
      return into;
    case "crash": {
      into.node = action.node;
      into.timersCleared = allTimers;
      into.used = { ...world.used, crashes: world.used.crashes + 1 };
      // Back from what it last persisted: whatever it changed since is lost with its memory.
      const last = world.persisted[action.node] ?? initialState(action.node, ctx.config.protocol);
      const restarted = restart(last, ctx.env);
      observer?.stepped(action.node, restarted.out);
      const routed = routeOutputs(action.node, restarted, null, ctx, "reacted");
      // I7d (spec/invariants/durable-replies.ts): what it forgot is judged against what it held before the crash.
      const forgot = checkRestart(world.nodes[action.node] as NodeState, restarted.state);
      const judged = forgot === null || routed.violation !== null ? routed : { ...routed, violation: forgot };
      return took(into, action.node, judged);
    }
    case "silence":
      // The coordinator stops for good: its timers die; what is on the way to it is never delivered (actions.ts).
      into.node = ctx.coordinator;
      into.timersCleared = allTimers;
      into.silenced = true;
      return into;
    case "byzantine": return deliver(world, action.to, action.from, ctx.messages.signed(action.from, action.message),
      ctx, into, observer);
    case "replay": return deliver(world, action.to, action.from, action.envelope.message, ctx, into, observer);
    case "forge": {
      const forged = ctx.forgeries.forged(action.signer, action.from, action.message);
      return deliver(world, action.to, action.from, forged, ctx, into, observer);
    }
    case "equivocate": return equivocate(world, action, ctx, into, observer);
    case "client":
      // Counted for the late ones (late-submits.ts); initial-world.ts resets the count after the initial ones.
      into.used = { ...world.used, submits: (world.used.submits ?? 0) + 1 };
      return stepNode(world, ctx.coordinator, {
        kind: "Submit", request: action.request, flag: action.flag, ...(action.hold === true ? { hold: true } : {}),
      }, ctx, into, observer);
    default: return assertNever(action);
  }
}

function reset(world: World, into: Delta): void {
  into.node = noNode;
  into.timersCleared = 0;
  into.first = null;
  into.second = null;
  into.removed = null;
  into.copied = null;
  into.used = world.used;
  into.isolated = world.isolated;
  into.silenced = world.silenced;
  into.effect = "reacted";
  into.violation = null;
}

function took(into: Delta, id: NodeId, routed: RoutedStep): Delta {
  into.node = id;
  into.first = routed;
  into.effect = routed.effect;
  into.violation = routed.violation;
  return into;
}

/** A node that no longer runs (a silenced coordinator) takes nothing: a self-loop for a message. */
function notRunning(into: Delta): Delta {
  into.effect = "none";
  return into;
}

/** A delivery's routed step, memoized; when observed, with the core's outputs of that step (step-memo.ts). */
function delivered(before: NodeState, to: NodeId, from: NodeId, message: SignedMessage, ctx: CheckContext,
  observer: StepObserver | null): RoutedStep {
  if (observer === null) return ctx.stepMemo.delivered(before, to, from, message, ctx);
  const watched = ctx.stepMemo.observed(before, to, from, message, ctx);
  observer.stepped(to, watched.out);
  return watched.routed;
}

function deliver(world: World, to: NodeId, from: NodeId, message: SignedMessage, ctx: CheckContext,
  into: Delta, observer: StepObserver | null): Delta {
  if (!isRunning(world, ctx, to)) return notRunning(into);
  return took(into, to, delivered(world.nodes[to] as NodeState, to, from, message, ctx, observer));
}

/** Two conflicting messages as one move: the second is delivered to the state the first left, unless it broke I3/I6. */
function equivocate(world: World, action: Extract<Action, { kind: "equivocate" }>, ctx: CheckContext,
  into: Delta, observer: StepObserver | null): Delta {
  const { to, from } = action;
  if (!isRunning(world, ctx, to)) return notRunning(into);
  const first = took(into, to, delivered(world.nodes[to] as NodeState, to, from,
    ctx.messages.signed(from, action.first), ctx, observer)).first as RoutedStep;
  if (first.violation !== null) return into;
  const second = delivered(first.state, to, from, ctx.messages.signed(from, action.second), ctx, observer);
  into.second = second;
  into.effect = first.effect === "reacted" ? "reacted" : second.effect === "none" ? first.effect : second.effect;
  into.violation = second.violation;
  return into;
}

/** Timers and the client's submission: rare, so stepped afresh rather than memoized. */
function stepNode(world: World, id: NodeId, input: Input, ctx: CheckContext, into: Delta,
  observer: StepObserver | null): Delta {
  if (!isRunning(world, ctx, id)) return notRunning(into);
  const before = world.nodes[id] as NodeState;
  const result = step(before, input, ctx.env);
  observer?.stepped(id, result.out);
  return took(into, id, routeOutputs(id, result, before, ctx, effectOf(before, result)));
}

/** Whether the delta leaves the budgets, the partition and the silence as they were. */
export const keepsTail = (world: World, delta: Delta): boolean =>
  delta.used === world.used && delta.isolated === world.isolated && delta.silenced === world.silenced;

/** The successor world the delta describes (`world` itself when it changes nothing). */
export function commit(world: World, delta: Delta, ctx: CheckContext): World {
  let inFlight = world.inFlight;
  if (delta.removed !== null) inFlight = removeEnvelopeAt(inFlight, indexOf(inFlight, delta.removed));
  if (delta.copied !== null) inFlight = insertEnvelope(inFlight, delta.copied);
  let timers = world.timers;
  if (delta.timersCleared !== 0) {
    timers = timers.slice();
    (timers as number[])[delta.node] = (timers[delta.node] ?? 0) & ~delta.timersCleared;
  }
  let next = world;
  if (timers !== world.timers || !keepsTail(world, delta)) {
    next = withWorld(world, { timers, used: delta.used, isolated: delta.isolated, silenced: delta.silenced });
  }
  if (delta.first !== null) next = applyRouted(next, delta.node, delta.first, ctx, inFlight);
  else if (inFlight !== world.inFlight) next = withWorld(next, { inFlight });
  if (delta.second !== null) next = applyRouted(next, delta.node, delta.second, ctx);
  return next;
}

function indexOf(list: readonly Envelope[], e: Envelope): number {
  return list.findIndex((x) => sameEnvelope(x, e));
}
