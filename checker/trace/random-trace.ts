/**
 * From a failing random run to a trace file: the run fast-check already shrank
 * is shrunk again by the trace shrinker (shrink.ts: removing steps, not just
 * shortening choices), judged with its healed phase (random-judge.ts); the
 * trace then holds the shrunk steps followed by the healed phase they lead to.
 *
 * The healed phase fires timers beyond the timeout budget (healed-phase.ts),
 * and a trace must replay with every step enabled under its own config, so the
 * trace's config raises the timeout budget to the firings it holds. Nothing
 * else changes: apply() ignores budgets, so the steps do exactly the same.
 */
import type { ActionRecord, Trace } from "../../spec/trace.js";
import { describeAction } from "../model/action-codec.js";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { replayWithHealing, violatesWithHealing } from "./random-judge.js";
import type { RunOptions } from "../search/random-run.js";
import { describeShrink, traceFromRecords } from "./shrink-describe.js";
import { shrinkTrace } from "./shrink.js";

export interface RandomTrace {
  readonly trace: Trace;
  /** The fault-phase steps fast-check left, before the trace shrinker. */
  readonly stepsBefore: number;
  /** The fault-phase steps after the trace shrinker (the trace adds the healed phase). */
  readonly stepsAfter: number;
  readonly healedSteps: number;
  readonly shrinkSummary: string;
}

/** The random run's config with the timeout budget raised to cover `records`' timer firings. */
export function configCoveringFires(config: CheckConfig, records: readonly ActionRecord[]): CheckConfig {
  const fires = records.filter((r) => r.kind === "fire").length;
  if (fires <= config.budgets.timeouts) return config;
  return { ...config, budgets: { ...config.budgets, timeouts: fires } };
}

export function shrunkRandomTrace(ctx: CheckContext, steps: readonly ActionRecord[], options: RunOptions,
  meta: { readonly seed: number; readonly attemptsMax: number; readonly mode?: "random" | "coverage" }): RandomTrace {
  const shrunk = shrinkTrace(ctx, steps, violatesWithHealing(ctx, options), { attemptsMax: meta.attemptsMax });
  const final = replayWithHealing(ctx, shrunk.records, options);
  const records = [...final.applied, ...final.healed.map(describeAction)];
  const traceCtx = makeContext(configCoveringFires(ctx.config, records));
  const violation = final.violation === null ? null
    : { invariant: final.violation.invariant, message: final.violation.message };
  return {
    trace: traceFromRecords(traceCtx, records, { mode: meta.mode ?? "random", seed: meta.seed, violation }),
    stepsBefore: steps.length, stepsAfter: final.applied.length, healedSteps: final.healed.length,
    shrinkSummary: describeShrink(shrunk),
  };
}
