/**
 * Running a list of action records from the initial world, as the shrinker
 * judges a candidate: the engine's record replay (engine/trace-container.ts)
 * on byzcommit's world. A record whose action is not enabled is SKIPPED, not a
 * reason to reject the candidate: removing a step then also removes the steps
 * that depended on it (a message never sent is never delivered), which lets one
 * removal try shrink a whole causal chain. The run stops at the first violation,
 * so `applied` is always a trace that replays exactly, with nothing skipped.
 * A step that throws in the core counts as the violation "core-assertion"
 * (checked-step.ts), as in random runs.
 */
import type { ActionRecord } from "../../spec/trace.js";
import { replayRecords } from "../engine/trace-container.js";
import type { CheckContext } from "../model/context.js";
import { worldRunModel } from "../model/world-run-model.js";

export interface ViolationFound {
  readonly invariant: string;
  readonly message: string;
}

export interface RecordsRun {
  /** The records that were enabled and applied, up to and including the violating one. */
  readonly applied: readonly ActionRecord[];
  /** Records not applied: not enabled when their turn came, or after the violation. */
  readonly skipped: number;
  readonly violation: ViolationFound | null;
}

export function runRecords(ctx: CheckContext, records: readonly ActionRecord[]): RecordsRun {
  const run = replayRecords(worldRunModel(ctx), records);
  return { applied: run.applied, skipped: run.skipped, violation: run.verdict };
}
