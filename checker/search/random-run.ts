/**
 * One random run (DESIGN.md §6): a list of choices drives the world, each
 * picking one of the enabled actions (index = choice mod their count, in the
 * fixed order of actions.ts), every state held to the safety invariants; then
 * the healed phase delivers everything, and bounded liveness is judged.
 *
 * Choices are plain integers so fast-check can generate and shrink them: a
 * shorter list is a shorter run, and a choice shrunk to 0 picks the first
 * enabled action, the first delivery, which is what the healed phase does too.
 * A choice picks a class of actions first (action-draw.ts), so the Byzantine
 * alphabet's hundreds of moves do not drown the deliveries.
 */
import { drawIndex } from "../model/action-draw.js";
import { enabledActions, type Action } from "../model/actions.js";
import { stepChecked, type Judged } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { firstViolation } from "../model/first-violation.js";
import { healedStepsMax, runHealedPhase } from "../model/healed-phase.js";
import { initialWorld } from "../model/initial-world.js";
import { livenessJudged, livenessViolation, undecided, type LivenessMode } from "../model/liveness.js";
import type { World } from "../model/world.js";

export interface RunOptions {
  /** Judge bounded liveness after the healed phase (else the phase only drains the network). */
  readonly liveness: boolean;
  readonly healedStepsMax: number;
}

export function runOptionsFor(ctx: CheckContext, mode: LivenessMode): RunOptions {
  return { liveness: livenessJudged(mode, ctx.config), healedStepsMax: healedStepsMax(ctx.config.n, ctx.config.txns.length) };
}

export interface RunEnd {
  readonly world: World;
  readonly healed: readonly Action[];
  readonly violation: Judged | null;
}

export interface RunOutcome extends RunEnd {
  /** The index taken at each fault-phase step: replays with actions.ts's actionAt. */
  readonly path: readonly number[];
  readonly actions: readonly Action[];
  /** Where the violation showed: during the choices, in the healed phase, or at the liveness judgement. */
  readonly phase: "fault" | "healed" | "liveness" | null;
}

export function runChoices(ctx: CheckContext, choices: readonly number[], options: RunOptions): RunOutcome {
  let world = initialWorld(ctx);
  const path: number[] = [];
  const actions: Action[] = [];
  const root = firstViolation(world, ctx);
  if (root !== null) return { world, healed: [], violation: root, path, actions, phase: "fault" };
  for (const choice of choices) {
    const enabled = enabledActions(world, ctx);
    if (enabled.length === 0) break;
    const index = drawIndex(enabled, choice);
    const action = enabled[index] as Action;
    const next = stepChecked(world, action, ctx);
    path.push(index);
    actions.push(action);
    world = next.world;
    if (next.violation !== null) return { world, healed: [], violation: next.violation, path, actions, phase: "fault" };
  }
  const end = finishRun(world, ctx, options);
  const phase = end.violation === null ? null : end.violation.invariant === "liveness" ? "liveness" : "healed";
  return { ...end, path, actions, phase };
}

/** The healed phase from `world`, then the liveness judgement. */
export function finishRun(world: World, ctx: CheckContext, options: RunOptions): RunEnd {
  const settled = options.liveness ? (w: World): boolean => undecided(w, ctx).length === 0 : (): boolean => true;
  const healed = runHealedPhase(world, ctx, { stepsMax: options.healedStepsMax, settled });
  const end = { world: healed.world, healed: healed.actions, violation: healed.violation };
  if (end.violation !== null || !options.liveness) return end;
  return { ...end, violation: livenessViolation(healed.world, ctx, { steps: healed.actions.length, cycled: healed.cycled }) };
}
