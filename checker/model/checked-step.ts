/**
 * One action applied and judged, as random runs and the simulator take it:
 * the transition checks of apply() and then every safety invariant of the
 * resulting state. An exception from the core (its own assert, STYLE.md) is
 * a finding too, reported as the pseudo-invariant "core-assertion", so that
 * fast-check shrinks it like any other failure instead of aborting the search.
 */
import type { Action } from "./actions.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import { firstViolation } from "./first-violation.js";
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

export function stepChecked(world: World, action: Action, ctx: CheckContext): CheckedStep {
  let next: World;
  try {
    const applied = apply(world, action, ctx);
    if (applied.violation !== null) return { world: applied.world, violation: applied.violation };
    next = applied.world;
    if (applied.effect === "none") return { world: next, violation: firstViolation(next, ctx), selfLoop: true };
  } catch (e) {
    return { world, violation: { invariant: "core-assertion", message: e instanceof Error ? e.message : String(e) } };
  }
  return { world: next, violation: firstViolation(next, ctx) };
}
