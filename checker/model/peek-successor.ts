/**
 * What a delivering action will do, read from the step memo without building the
 * successor world: the routed step(s) of the one node it steps, the envelope it
 * takes off the network, and the effect and violation `apply` would report.
 * Deliveries, Byzantine sends, replays and equivocations are nearly every
 * transition; the rare others (drop, duplicate, timers, partitions, crashes) are
 * left to `apply` (peek returns false).
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState } from "../../impl/core/types.js";
import type { Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import type { RoutedStep, StepEffect } from "./routed-step.js";
import type { TransitionViolation } from "./transition-checks.js";
import type { Envelope, World } from "./world.js";
import { asNodeId } from "../../spec/ids.js";

export interface Peeked {
  id: NodeId;
  first: RoutedStep | null;
  second: RoutedStep | null;
  removed: Envelope | null;
  effect: StepEffect;
  violation: TransitionViolation | null;
}

export const emptyPeek = (): Peeked => ({ id: asNodeId(-1), first: null, second: null, removed: null, effect: "none",
      violation: null });

const routed = (world: World, to: NodeId, from: NodeId, message: SignedMessage, ctx: CheckContext): RoutedStep =>
  ctx.stepMemo.delivered(world.nodes[to] as NodeState, to, from, message, ctx);

/** Fills `into` and returns true for a delivering action; returns false for any other. Mirrors apply.ts. */
export function peekSuccessor(world: World, action: Action, ctx: CheckContext, into: Peeked): boolean {
  let first: RoutedStep;
  into.second = null;
  into.removed = null;
  switch (action.kind) {
    case "deliver":
      first = routed(world, action.envelope.to, action.envelope.from, action.envelope.message, ctx);
      into.id = action.envelope.to;
      into.removed = action.envelope;
      break;
    case "byzantine":
      first = routed(world, action.to, action.from, ctx.messages.signed(action.from, action.message), ctx);
      into.id = action.to;
      break;
    case "replay":
      first = routed(world, action.to, action.from, action.envelope.message, ctx);
      into.id = action.to;
      break;
    case "forge":
      first = routed(world, action.to, action.from, ctx.forgeries.forged(action.signer, action.from, action.message),
        ctx);
      into.id = action.to;
      break;
    case "equivocate": {
      first = routed(world, action.to, action.from, ctx.messages.signed(action.from, action.first), ctx);
      into.id = action.to;
      if (first.violation !== null) break;
      const second = ctx.stepMemo.delivered(first.state, action.to, action.from, ctx.messages.signed(action.from, action.second), ctx);
      into.first = first;
      into.second = second;
      into.effect = first.effect === "reacted" ? "reacted" : second.effect === "none" ? first.effect : second.effect;
      into.violation = second.violation;
      return true;
    }
    default: return false;
  }
  into.first = first;
  into.effect = first.effect;
  into.violation = first.violation;
  return true;
}
