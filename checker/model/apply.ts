/**
 * Applying one action to the world: the successor a transition's delta describes
 * (transition.ts), with its transition violation (I3, I6) and the stepped node's effect.
 * For callers that want the built world at once: replay, traces, simulation, tests;
 * `observer` sees the raw outputs of the steps the successor is built from.
 */
import type { Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import type { StepEffect } from "./routed-step.js";
import { commit, emptyDelta, transition, type StepObserver } from "./transition.js";
import type { TransitionViolation } from "./transition-checks.js";
import type { World } from "./world.js";

export interface Applied {
  readonly world: World;
  readonly violation: TransitionViolation | null;
  /** How the stepped node reacted (routed-step.ts: StepEffect); "reacted" for actions that step no node. */
  readonly effect: StepEffect;
}

export function apply(world: World, action: Action, ctx: CheckContext, observer: StepObserver | null = null): Applied {
  const delta = transition(world, action, ctx, emptyDelta(world), observer);
  return { world: commit(world, delta, ctx), violation: delta.violation, effect: delta.effect };
}
