/**
 * Judging a random run given as action records, for the trace shrinker
 * (shrink.ts): replay the records from the initial world, skipping any that
 * is no longer enabled (so one removal takes its causal chain with it, as
 * run-records.ts does), then run the healed phase and the liveness judgement
 * exactly as the random run did. Only the records are shrunk; the healed
 * phase is recomputed for every candidate, so it always fits the prefix.
 */
import type { ActionRecord } from "../../spec/trace.js";
import { replayRecords } from "../engine/trace-container.js";
import type { Action } from "../model/actions.js";
import type { Judged } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { worldRunModel } from "../model/world-run-model.js";
import { finishRun, type RunOptions } from "../search/random-run.js";
import type { StillViolates } from "./shrink.js";

export interface HealedReplay {
  /** The records that were enabled and applied (up to a violation among them). */
  readonly applied: readonly ActionRecord[];
  /** The healed-phase actions that followed them (empty when a record already violated). */
  readonly healed: readonly Action[];
  readonly violation: Judged | null;
}

export function replayWithHealing(ctx: CheckContext, records: readonly ActionRecord[],
  options: RunOptions): HealedReplay {
  const run = replayRecords(worldRunModel(ctx), records);
  if (run.verdict !== null) return { applied: run.applied, healed: [], violation: run.verdict };
  const end = finishRun(run.state, ctx, options);
  return { applied: run.applied, healed: end.healed, violation: end.violation };
}

export function violatesWithHealing(ctx: CheckContext, options: RunOptions): StillViolates {
  return (records) => {
    const run = replayWithHealing(ctx, records, options);
    return run.violation === null ? null : { ...run.violation, applied: run.applied };
  };
}
