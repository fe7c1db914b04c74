/**
 * One random run of byzcommit (DESIGN.md §6), the engine's choice run
 * (engine/choice-run.ts) instantiated: a list of choices drives the world,
 * each picking one of the enabled actions in the fixed order of actions.ts,
 * every state held to the safety invariants; then the healed phase delivers
 * everything, and bounded liveness is judged (the run's finish).
 *
 * A choice picks a class of actions first (action-draw.ts), so the Byzantine
 * alphabet's hundreds of moves do not drown the deliveries; a choice shrunk to
 * 0 picks the first enabled action, the first delivery, which is what the
 * healed phase does too.
 */
import { runChoices as runModelChoices, type RunFinish } from "../engine/choice-run.js";
import { drawIndex } from "../model/action-draw.js";
import type { Action } from "../model/actions.js";
import type { Judged } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { healedStepsMax, runHealedPhase } from "../model/healed-phase.js";
import { livenessJudged, livenessSettled, livenessViolation, type LivenessMode } from "../model/liveness.js";
import { worldRunModel, type WorldRunModel } from "../model/world-run-model.js";
import type { World } from "../model/world.js";

export interface RunOptions {
  /** Judge bounded liveness after the healed phase (else the phase only drains the network). */
  readonly liveness: boolean;
  readonly healedStepsMax: number;
}

export function runOptionsFor(ctx: CheckContext, mode: LivenessMode): RunOptions {
  return {
    liveness: livenessJudged(mode, ctx.config),
    healedStepsMax: healedStepsMax(ctx.config.n, ctx.config.txns.length),
  };
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

export function runChoices(ctx: CheckContext, choices: readonly number[], options: RunOptions,
  model: WorldRunModel = worldRunModel(ctx)): RunOutcome {
  const run = runModelChoices(model, choices, { draw: drawIndex, finish: finishing(ctx, options) });
  return {
    world: run.state, healed: run.finished, violation: run.verdict, path: run.path, actions: run.actions,
    phase: run.phase === null ? null : run.phase === "choices" ? "fault" : finishPhase(run.verdict),
  };
}

/** Where a finish's violation showed: the liveness judgement, or a step of the healed phase. */
export function finishPhase(violation: Judged | null): "healed" | "liveness" {
  return violation?.invariant === "liveness" ? "liveness" : "healed";
}

/** The run's finish for the engine: the healed phase from a world, then the liveness judgement. */
export function finishing(ctx: CheckContext, options: RunOptions): (world: World) => RunFinish<World, Action> {
  return (world) => {
    const end = finishRun(world, ctx, options);
    return { state: end.world, steps: end.healed, verdict: end.violation };
  };
}

/** The healed phase from `world`, then the liveness judgement. */
export function finishRun(world: World, ctx: CheckContext, options: RunOptions): RunEnd {
  const settled = options.liveness ? (w: World): boolean => livenessSettled(w, ctx) : (): boolean => true;
  const healed = runHealedPhase(world, ctx, { stepsMax: options.healedStepsMax, settled });
  const end = { world: healed.world, healed: healed.actions, violation: healed.violation };
  if (end.violation !== null || !options.liveness) return end;
  const steps = healed.actions.length;
  return { ...end, violation: livenessViolation(healed.world, ctx, { steps, cycled: healed.cycled }) };
}
