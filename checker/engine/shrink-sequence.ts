/**
 * Shrinking a failing action sequence to a 1-minimal one: no single step can
 * be removed and the run still break the SAME property. Used by every explorer
 * that keeps a counterexample (BFS paths are shortest but may carry needless
 * adversary moves; random runs carry plenty of everything).
 *
 * Passes, repeated until none changes anything:
 *   1. remove the steps `removeFirst` names (adversary moves, faults), chunks first, then one by one;
 *   2. remove any steps, the same way (delta debugging, delta-debug.ts);
 *   3. replace a step by a simpler one (`simpler`, most simple first), one step at a time;
 *   4. group steps (group-steps.ts), fewer switches to read.
 *
 * A candidate is judged by `stillViolates`; replay-sequence.ts's judge replays
 * it from the initial state and SKIPS a step that is no longer enabled, so one
 * removal can take a whole causal chain with it, and continues from the steps
 * that actually ran. Each candidate is one judgement, bounded by `attemptsMax`.
 */
import { removeChunks, type Accept } from "./delta-debug.js";
import { groupSteps, type GroupOf } from "./group-steps.js";
import type { Verdict } from "./search-model.js";

export interface SequenceVerdict<T> extends Verdict {
  /** The steps the check really ran (without skipped ones), to continue from; defaults to the candidate. */
  readonly applied?: readonly T[];
}

/** Null when the candidate runs clean; otherwise the property it breaks. */
export type StillViolates<T> = (steps: readonly T[]) => SequenceVerdict<T> | null;

export interface ShrinkSequenceOptions<T> {
  /** Candidate checks allowed (each one a replay from the initial state). */
  readonly attemptsMax?: number;
  /** Steps to try removing before all others (they are rarely needed and make a run hard to read). */
  readonly removeFirst?: (step: T) => boolean;
  /** Simpler steps to try in a step's place, simplest first; each must be strictly simpler (the pass ends). */
  readonly simpler?: (step: T) => readonly T[];
  /** Groups for the last pass; no grouping pass when absent. */
  readonly groupOf?: GroupOf<T>;
}

export const shrinkAttemptsMaxDefault = 20_000;

export interface ShrinkSequenceResult<T> {
  readonly steps: readonly T[];
  /** The verdict of the shrunk steps: the same property as the input's, maybe another message. */
  readonly verdict: Verdict;
  readonly attempts: number;
  /** False only when `attemptsMax` ran out first: then the result is smaller, but maybe not 1-minimal. */
  readonly minimal: boolean;
}

export function shrinkSequence<T>(steps: readonly T[], stillViolates: StillViolates<T>,
  options: ShrinkSequenceOptions<T> = {}): ShrinkSequenceResult<T> {
  const attemptsMax = options.attemptsMax ?? shrinkAttemptsMaxDefault;
  const first = stillViolates(steps);
  if (first === null) throw new Error("shrink: the steps to shrink do not violate any property");
  let attempts = 1;
  let exhausted = false;
  let verdict: Verdict = { invariant: first.invariant, message: first.message };
  const accept: Accept<T> = (candidate) => {
    if (attempts >= attemptsMax) { exhausted = true; return null; }
    attempts++;
    const judged = stillViolates(candidate);
    if (judged === null || judged.invariant !== first.invariant) return null;
    verdict = { invariant: judged.invariant, message: judged.message };
    return judged.applied ?? candidate;
  };
  const removeFirst = options.removeFirst;
  let current = first.applied ?? steps;
  for (let before: readonly T[] | null = null; before !== current && !exhausted;) {
    before = current;
    if (removeFirst !== undefined) current = removeChunks(current, removeFirst, accept);
    current = removeChunks(current, () => true, accept);
    if (options.simpler !== undefined) current = simplifySteps(current, options.simpler, accept);
    if (options.groupOf !== undefined) current = groupSteps(current, options.groupOf, accept);
  }
  return { steps: current, verdict, attempts, minimal: !exhausted };
}

/** Replaces each step by the first simpler one that keeps the violation (a replay may also drop steps). */
function simplifySteps<T>(items: readonly T[], simpler: (step: T) => readonly T[], accept: Accept<T>): readonly T[] {
  let current = items;
  for (let i = 0; i < current.length; i++) {
    for (const replacement of simpler(current[i] as T)) {
      const kept = accept(current.map((s, j) => (j === i ? replacement : s)));
      if (kept !== null) { current = kept; break; }
    }
  }
  return current;
}
