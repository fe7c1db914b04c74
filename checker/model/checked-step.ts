/**
 * One action applied and judged, as random runs and the simulator take it:
 * the transition checks of apply() and then every safety invariant of the
 * resulting state. An exception from the core (its own assert, STYLE.md) is
 * a finding too, reported as the pseudo-invariant "core-assertion", so that
 * fast-check shrinks it like any other failure instead of aborting the search.
 */
import type { Action } from "./actions.js";
import { Emission, type Emitted } from "./emitted.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import { firstViolation } from "./first-violation.js";
import type { StepObserver } from "./transition.js";
import type { World } from "./world.js";

export interface Judged {
  readonly invariant: string;
  readonly message: string;
}

export interface CheckedStep {
  readonly world: World;
  readonly violation: Judged | null;
  /** Whether the step changed nothing at its target ("none": a message it ignored without a word). */
  readonly selfLoop?: boolean;
}

/**
 * The world after `action` as a trace records it: the successor, or the same world when the core throws (the
 * step stepChecked reports as "core-assertion" leaves the world as it was), so a counterexample that ends in a
 * core assertion rebuilds as a trace and replays to the same fingerprints.
 */
export function worldAfter(world: World, action: Action, ctx: CheckContext): World {
  try {
    return apply(world, action, ctx).world;
  } catch {
    return world;
  }
}

export interface ObservedStep extends CheckedStep {
  /** What the stepped node emitted; null when no node stepped, or when the core threw (nothing happened). */
  readonly emitted: Emitted | null;
}

export function stepChecked(world: World, action: Action, ctx: CheckContext): CheckedStep {
  return judged(world, action, ctx, null).step;
}

/** stepChecked, also showing what the stepped node emitted in the very steps the successor is built from. */
export function stepObserved(world: World, action: Action, ctx: CheckContext): ObservedStep {
  const emission = new Emission();
  const { step, threw } = judged(world, action, ctx, emission);
  return { ...step, emitted: threw ? null : emission.emitted };
}

function judged(world: World, action: Action, ctx: CheckContext, observer: StepObserver | null):
  { step: CheckedStep; threw: boolean } {
  let next: World;
  try {
    const applied = apply(world, action, ctx, observer);
    if (applied.violation !== null) {
      return { step: { world: applied.world, violation: applied.violation }, threw: false };
    }
    next = applied.world;
    if (applied.effect === "none") {
      return { step: { world: next, violation: firstViolation(next, ctx), selfLoop: true }, threw: false };
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { step: { world, violation: { invariant: "core-assertion", message } }, threw: true };
  }
  return { step: { world: next, violation: firstViolation(next, ctx) }, threw: false };
}
