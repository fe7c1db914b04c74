/**
 * Running a list of action records from the initial world, as the shrinker
 * judges a candidate. A record whose action is not enabled is SKIPPED, not a
 * reason to reject the candidate: removing a step then also removes the steps
 * that depended on it (a message never sent is never delivered), which lets one
 * removal try shrink a whole causal chain. The run stops at the first violation,
 * so `applied` is always a trace that replays exactly, with nothing skipped.
 * A step that throws in the core counts as the violation "core-assertion"
 * (checked-step.ts), as in random runs.
 */
import type { ActionRecord } from "../../spec/trace.js";
import { matchAction } from "../model/action-codec.js";
import { stepChecked } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { firstViolation } from "../model/first-violation.js";
import { initialWorld } from "../model/initial-world.js";

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
  let world = initialWorld(ctx);
  const root = firstViolation(world, ctx);
  if (root !== null) return { applied: [], skipped: records.length, violation: root };
  const applied: ActionRecord[] = [];
  let skipped = 0;
  for (const record of records) {
    const match = matchAction(world, ctx, record);
    if (match === null) { skipped++; continue; }
    const next = stepChecked(world, match.action, ctx);
    world = next.world;
    applied.push(record);
    const violation = next.violation;
    if (violation !== null) return { applied, skipped: records.length - applied.length, violation };
  }
  return { applied, skipped, violation: null };
}
