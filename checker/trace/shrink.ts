/**
 * Shrinking a counterexample to a 1-minimal one: no single step can be removed
 * and the run still violate the SAME invariant. Used by every explorer that
 * writes a trace (BFS paths are shortest but may carry needless Byzantine moves;
 * random runs carry plenty of everything).
 *
 * The engine's sequence shrinker (engine/shrink-sequence.ts) on action
 * records, its passes repeated until none changes anything:
 *   1. remove Byzantine moves and faults (byzantine, replay, drop, duplicate,
 *      fire, isolate, heal, crash), chunks first, then one by one;
 *   2. remove any steps, the same way (delta debugging, delta-debug.ts);
 *   3. group steps on the same node (engine/group-steps.ts), fewer switches to read.
 *
 * A candidate is judged by `stillViolates`; the default replays it from the
 * initial world and SKIPS a step that is no longer enabled (run-records.ts), so
 * one removal can take a whole causal chain with it, and continues from the
 * steps that actually ran. Each candidate is one replay, bounded by `attemptsMax`.
 */
import type { ActionRecord } from "../../spec/trace.js";
import { shrinkSequence, type SequenceVerdict } from "../engine/shrink-sequence.js";
import { violatesOnReplay as violatesOnModelReplay } from "../engine/trace-container.js";
import { actionClass, actionNode, nodeSwitches, type ActionClass } from "../model/action-class.js";
import type { CheckContext } from "../model/context.js";
import { worldRunModel } from "../model/world-run-model.js";
import type { ViolationFound } from "./run-records.js";

export { shrinkAttemptsMaxDefault } from "../engine/shrink-sequence.js";

export type ShrinkVerdict = SequenceVerdict<ActionRecord>;

/** Null when the candidate runs clean; otherwise the invariant it violates. */
export type StillViolates = (records: readonly ActionRecord[]) => ShrinkVerdict | null;

export interface ShrinkOptions {
  /** Candidate checks allowed (each one a replay from the initial world). */
  readonly attemptsMax?: number;
}

export interface ShrinkRemoved {
  readonly byzantine: number;
  readonly faults: number;
  readonly steps: number;
}

export interface ShrinkResult {
  readonly records: readonly ActionRecord[];
  /** The violation of the shrunk records: the same invariant as the input's, maybe another message. */
  readonly violation: ViolationFound;
  readonly removed: ShrinkRemoved;
  readonly lengthBefore: number;
  readonly switches: { readonly before: number; readonly after: number };
  readonly attempts: number;
  /** False only when `attemptsMax` ran out first: then the result is smaller, but maybe not 1-minimal. */
  readonly minimal: boolean;
}

/** The default judge: replay from the initial world, skipping steps no longer enabled. */
export function violatesOnReplay(ctx: CheckContext): StillViolates {
  return violatesOnModelReplay(worldRunModel(ctx));
}

export function shrinkTrace(ctx: CheckContext, records: readonly ActionRecord[],
  stillViolates: StillViolates = violatesOnReplay(ctx), options: ShrinkOptions = {}): ShrinkResult {
  const shrunk = shrinkSequence(records, stillViolates, {
    ...(options.attemptsMax !== undefined ? { attemptsMax: options.attemptsMax } : {}),
    removeFirst: (r) => actionClass(r) !== "step",
    groupOf: actionNode,
  });
  const current = shrunk.steps;
  return {
    records: current, violation: shrunk.verdict, removed: removedBetween(records, current),
    lengthBefore: records.length, switches: { before: nodeSwitches(records), after: nodeSwitches(current) },
    attempts: shrunk.attempts, minimal: shrunk.minimal,
  };
}

function removedBetween(before: readonly ActionRecord[], after: readonly ActionRecord[]): ShrinkRemoved {
  const count = (list: readonly ActionRecord[], c: ActionClass): number =>
    list.filter((r) => actionClass(r) === c).length;
  return {
    byzantine: count(before, "byzantine") - count(after, "byzantine"),
    faults: count(before, "fault") - count(after, "fault"),
    steps: count(before, "step") - count(after, "step"),
  };
}
