/**
 * Applying one action to the world: step the receiving node through the pure
 * core, sign what it sends as itself, and route its outputs (DESIGN.md §6).
 * Also checks the transition properties that a single state cannot show:
 * integrity of execution order (I3) and detection completeness (I6).
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { initialState, restart, step } from "../../impl/core/step.js";
import type { Input, NodeState } from "../../impl/core/types.js";
import { assertNever } from "../../impl/core/assert.js";
import { isRunning, type Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import { applyRouted, effectOf, routeOutputs, type RoutedStep, type StepEffect } from "./routed-step.js";
import type { TransitionViolation } from "./transition-checks.js";
import { insertEnvelope, removeEnvelopeAt, sameEnvelope, timerBits, withWorld, type Envelope, type World } from "./world.js";

export interface Applied {
  readonly world: World;
  readonly violation: TransitionViolation | null;
  /** How the stepped node reacted (routed-step.ts: StepEffect); "reacted" for actions that step no node. */
  readonly effect: StepEffect;
}

function indexOf(list: readonly Envelope[], e: Envelope): number {
  return list.findIndex((x) => sameEnvelope(x, e));
}

export function apply(world: World, action: Action, ctx: CheckContext): Applied {
  switch (action.kind) {
    case "deliver": {
      const e = action.envelope;
      const routed = ctx.stepMemo.delivered(world.nodes[e.to] as NodeState, e.to, e.from, e.message, ctx);
      const inFlight = removeEnvelopeAt(world.inFlight, indexOf(world.inFlight, e));
      return { world: applyRouted(world, e.to, routed, ctx, inFlight), violation: routed.violation, effect: routed.effect };
    }
    case "drop":
      return done(withWorld(world, { inFlight: removeEnvelopeAt(world.inFlight, indexOf(world.inFlight, action.envelope)),
        used: { ...world.used, loss: world.used.loss + 1 } }));
    case "duplicate":
      return done(withWorld(world, { inFlight: insertEnvelope(world.inFlight, action.envelope), used: { ...world.used, dup: world.used.dup + 1 } }));
    case "fire": {
      const timers = world.timers.slice();
      timers[action.node] = (timers[action.node] ?? 0) & ~timerBits[action.timer];
      const next = withWorld(world, { timers, used: { ...world.used, timeouts: world.used.timeouts + 1 } });
      return stepNode(next, action.node, { kind: "TimerFired", timer: action.timer }, ctx);
    }
    case "isolate": return done(withWorld(world, { isolated: action.node, used: { ...world.used, partitions: world.used.partitions + 1 } }));
    case "heal": return done(withWorld(world, { isolated: -1 }));
    case "crash": {
      const timers = world.timers.slice();
      timers[action.node] = 0;
      const next = withWorld(world, { timers, used: { ...world.used, crashes: world.used.crashes + 1 } });
      // Back from what it last persisted: whatever it changed since is lost with its memory.
      const last = world.persisted[action.node] ?? initialState(action.node, ctx.config.protocol);
      return fromRouted(next, action.node, routeOutputs(action.node, restart(last, ctx.env), null, ctx, "reacted"), ctx);
    }
    case "silence": {
      // The coordinator stops for good: its timers die; what is on the way to it is never delivered (actions.ts).
      const timers = world.timers.slice();
      timers[ctx.coordinator] = 0;
      return done(withWorld(world, { timers, silenced: true }));
    }
    case "byzantine": return deliver(world, action.to, action.from, ctx.messages.signed(action.from, action.message), ctx);
    case "replay": return deliver(world, action.to, action.from, action.envelope.message, ctx);
    case "forge": {
      const forged = ctx.forgeries.forged(action.signer, action.from, action.message);
      return deliver(world, action.to, action.from, forged, ctx);
    }
    case "equivocate": {
      const first = deliver(world, action.to, action.from, ctx.messages.signed(action.from, action.first), ctx);
      if (first.violation !== null) return first;
      const second = deliver(first.world, action.to, action.from, ctx.messages.signed(action.from, action.second), ctx);
      return { ...second, effect: first.effect === "reacted" ? "reacted" : second.effect === "none" ? first.effect : second.effect };
    }
    case "client": return stepNode(world, ctx.coordinator, { kind: "Submit", request: action.request, flag: action.flag }, ctx);
    default: return assertNever(action);
  }
}

const done = (world: World): Applied => ({ world, violation: null, effect: "reacted" });

/** A node that no longer runs (a silenced coordinator) takes nothing: a self-loop. */
const notRunning = (world: World): Applied => ({ world, violation: null, effect: "none" });

function deliver(world: World, to: NodeId, from: NodeId, message: SignedMessage, ctx: CheckContext): Applied {
  if (!isRunning(world, ctx, to)) return notRunning(world);
  return fromRouted(world, to, ctx.stepMemo.delivered(world.nodes[to] as NodeState, to, from, message, ctx), ctx);
}

/** Timers and the client's submission: rare, so stepped afresh rather than memoized. */
function stepNode(world: World, id: NodeId, input: Input, ctx: CheckContext): Applied {
  if (!isRunning(world, ctx, id)) return notRunning(world);
  const before = world.nodes[id] as NodeState;
  const result = step(before, input, ctx.env);
  return fromRouted(world, id, routeOutputs(id, result, before, ctx, effectOf(before, result)), ctx);
}

function fromRouted(world: World, id: NodeId, routed: RoutedStep, ctx: CheckContext): Applied {
  return { world: applyRouted(world, id, routed, ctx), violation: routed.violation, effect: routed.effect };
}
