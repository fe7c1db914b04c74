/**
 * Random search over any SearchModel (DESIGN.md §6): fast-check generates runs
 * as arrays of choices (choice-run.ts), and a failing run is shrunk by
 * fast-check itself (shorter lists, smaller choices). Swarm testing (Groce et
 * al., ISSTA 2012) is a family of models: each run first draws a variant (its
 * own config, say) from `variants`, so a failing run shrinks its variant too.
 * Everything follows from the seed: the same seed and options give the same
 * runs, the same counterexample and the same `digest`; fast-check's `path`
 * replays one run directly.
 *
 * Wall-clock limits stay outside (the caller passes `timeLimitMs`); counters
 * live in one call, never across calls. Shrinking is bounded by a count
 * (`shrinkRunsMax`), not by the clock, so a counterexample's shrunk form is the
 * same on a fast machine and a loaded one.
 */
import fc from "fast-check";
import { runChoices, type ChoiceRun, type ChoiceRunOptions } from "./choice-run.js";
import { combine64, fingerprintHex } from "./hash64.js";
import type { SearchModel } from "./search-model.js";
import { Witness } from "./sometimes-witness.js";

/** What one run searches: the model (a fresh one per run if it holds per-run tables) and how runs go. */
export interface RunSetup<S, A> extends ChoiceRunOptions<S, A> {
  readonly model: SearchModel<S, A>;
}

/** The models searched: one, or a family indexed by a drawn variant (swarm testing). */
export interface RandomFamily<S, A, D> {
  /** The setup for a run of `variant` (null without variants). Called once per run. */
  setup(variant: D | null): RunSetup<S, A>;
  /** Draws each run's variant; absent for a single model. */
  readonly variants?: fc.Arbitrary<D>;
}

export interface RandomSearchOptions {
  readonly runs: number;
  /** Choices per run (the finish comes on top). */
  readonly steps: number;
  readonly seed: number;
  /** fast-check's counterexample path: replay that one run (no further shrinking). */
  readonly path?: string | null;
  readonly timeLimitMs?: number | null;
  /**
   * Runs fast-check may execute while shrinking a failure (default `shrinkRunsDefault`). Past it, every further
   * candidate is reported as passing without being run, so fast-check keeps the last failure it saw: a real,
   * replayable counterexample, shrunk as far as the bound allowed.
   */
  readonly shrinkRunsMax?: number;
  /** Called after every executed run, with the runs executed and actions applied so far. */
  readonly progress?: (executed: number, actions: number) => void;
}

export interface RandomSearchFailure<S, A, D> {
  readonly variant: D | null;
  readonly choices: readonly number[];
  /** The failing run, run again with a fresh setup. */
  readonly run: ChoiceRun<S, A>;
  readonly setup: RunSetup<S, A>;
  /** Re-run exactly this run: the same seed with `path`. */
  readonly path: string;
}

export interface RandomSearchResult<S, A, D> {
  readonly seed: number;
  /** Runs generated, up to and including the first failing one (fast-check's numRuns). */
  readonly runs: number;
  /** Every run executed, shrinking attempts included: the throughput figure. */
  readonly executed: number;
  /** Actions applied over all executed runs, finishes included. */
  readonly actions: number;
  readonly shrinks: number;
  readonly interrupted: boolean;
  /** The model's `sometimes` properties some run's last state witnessed, in the order found. */
  readonly reached: readonly string[];
  /** A fingerprint of every executed run's last state, in order: the seed snapshot. */
  readonly digest: string;
  readonly failure: RandomSearchFailure<S, A, D> | null;
}

type Input<D> = readonly [D | null, readonly number[]];

/**
 * The default bound on shrinking runs: about 12 s of CPU for byzcommit runs of 60 steps here (25 ms each), so a
 * 60 s search that fails early ends its shrink by count on a loaded machine too; the trace shrinker goes on.
 */
export const shrinkRunsDefault = 500;

export function exploreRandomRuns<S, A, D>(family: RandomFamily<S, A, D>, options: RandomSearchOptions):
  RandomSearchResult<S, A, D> {
  const witness = new Witness<S>();
  const digest = { hi: 0, lo: 0 };
  const fp = { hi: 0, lo: 0 };
  let executed = 0;
  let actions = 0;
  // fast-check stops generating at the first failure: every run after it is a shrinking candidate.
  let failed = false;
  let shrinkRuns = 0;
  const shrinkRunsMax = options.shrinkRunsMax ?? shrinkRunsDefault;
  const evaluate = ([variant, choices]: Input<D>): ChoiceRun<S, A> => {
    const setup = family.setup(variant);
    const run = runChoices(setup.model, choices, setup);
    executed++;
    actions += run.actions.length + run.finished.length;
    witness.check(setup.model, run.state);
    setup.model.fingerprint(run.state, fp);
    combine64(digest, fp.hi, fp.lo);
    options.progress?.(executed, actions);
    return run;
  };
  const choices = fc.array(fc.nat(), { maxLength: options.steps, size: "max" });
  const input: fc.Arbitrary<Input<D>> = fc.tuple(family.variants ?? fc.constant(null), choices);
  const parameters: fc.Parameters<[Input<D>]> = {
    seed: options.seed, numRuns: options.runs,
    ...(options.path != null ? { path: options.path, endOnFailure: true } : {}),
    ...(options.timeLimitMs != null ? { plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)] } : {}),
  };
  const holds = (x: Input<D>): boolean => {
    if (failed && shrinkRuns++ >= shrinkRunsMax) return true;
    const ok = evaluate(x).verdict === null;
    if (!ok) failed = true;
    return ok;
  };
  const details = fc.check(fc.property(input, holds), parameters);
  if (details.failed && details.counterexample === null) {
    throw details.errorInstance ?? new Error("fast-check failed without a counterexample");
  }
  let failure: RandomSearchFailure<S, A, D> | null = null;
  if (details.failed && details.counterexample !== null) {
    const [[variant, runChoicesOf]] = details.counterexample;
    const setup = family.setup(variant);
    failure = { variant, choices: runChoicesOf, run: runChoices(setup.model, runChoicesOf, setup), setup,
      path: details.counterexamplePath ?? "" };
  }
  return {
    seed: details.seed, runs: details.numRuns, executed, actions, shrinks: details.numShrinks,
    interrupted: details.interrupted, reached: witness.reached, digest: fingerprintHex(digest.hi, digest.lo), failure,
  };
}
