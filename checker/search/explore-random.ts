/**
 * Random mode (DESIGN.md §6): fast-check generates runs as arrays of choices
 * (random-run.ts), each run ends with a healed phase and a liveness judgement,
 * and a failing run is shrunk by fast-check itself (shorter lists, smaller
 * choices; in swarm mode a smaller config too). Everything follows from the
 * seed: the same seed and options give the same runs, the same counterexample
 * and the same `digest`; fast-check's `path` replays one run directly.
 *
 * Wall-clock limits stay outside (the CLI passes `timeLimitMs`); counters and
 * the context cache live in one call, never across calls.
 */
import fc from "fast-check";
import { sometimesProperties } from "../../spec/invariants/index.js";
import type { Invariant } from "../../spec/global-view.js";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext, withFreshTables, type CheckContext } from "../model/context.js";
import { WorldFingerprinter } from "../model/fingerprint.js";
import { globalView } from "../model/global-view-adapter.js";
import { combine64, fingerprintHex } from "../engine/hash64.js";
import type { LivenessMode } from "../model/liveness.js";
import { runChoices, runOptionsFor, type RunOptions, type RunOutcome } from "./random-run.js";
import { swarmConfig, swarmDrawArbitrary, type SwarmDraw } from "./swarm.js";

export interface RandomOptions {
  readonly runs: number;
  /** Choices per run (the fault phase); the healed phase comes on top. */
  readonly steps: number;
  readonly seed: number;
  readonly swarm: boolean;
  readonly liveness: LivenessMode;
  /** fast-check's counterexample path: replay that one run (no further shrinking). */
  readonly path?: string | null;
  readonly timeLimitMs?: number | null;
  /** Called after every executed run: the CLI's progress line lives there. */
  readonly progress?: (executed: number, actions: number) => void;
}

export interface RandomFailure {
  /** The failing run's config: the drawn one in swarm mode. */
  readonly config: CheckConfig;
  readonly ctx: CheckContext;
  readonly runOptions: RunOptions;
  readonly choices: readonly number[];
  readonly swarmDraw: SwarmDraw | null;
  readonly outcome: RunOutcome;
  /** Re-run exactly this run: the same seed with `path`. */
  readonly path: string;
}

export interface RandomResult {
  readonly seed: number;
  /** Runs generated, up to and including the first failing one (fast-check's numRuns). */
  readonly runs: number;
  /** Every run executed, shrinking attempts included: the throughput figure. */
  readonly executed: number;
  /** Actions applied over all executed runs, healed phases included. */
  readonly actions: number;
  readonly shrinks: number;
  readonly interrupted: boolean;
  /** The sometimes-properties some run's last state reached. */
  readonly reached: readonly string[];
  /** A fingerprint of every executed run's last state, in order: the seed snapshot. */
  readonly digest: string;
  readonly failure: RandomFailure | null;
}

type Input = readonly [SwarmDraw | null, readonly number[]];

export function exploreRandom(config: CheckConfig, options: RandomOptions): RandomResult {
  const contexts = new ContextCache(config, options.liveness);
  const pending: Invariant[] = [...sometimesProperties];
  const reached: string[] = [];
  const digest = { hi: 0, lo: 0 };
  let executed = 0;
  let actions = 0;
  const evaluate = ([draw, choices]: Input): RunOutcome => {
    const { ctx: shared, runOptions, fingerprinter } = contexts.get(draw);
    const ctx = withFreshTables(shared);
    const outcome = runChoices(ctx, choices, runOptions);
    executed++;
    actions += outcome.actions.length + outcome.healed.length;
    // Decisions, replies and views only grow, so a run's last state witnesses what the run reached.
    const view = globalView(outcome.world, ctx);
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as Invariant;
      if (p.check(view) === null) { reached.push(p.name); pending.splice(i, 1); }
    }
    const fp = { hi: 0, lo: 0 };
    fingerprinter.fingerprint(outcome.world, fp);
    combine64(digest, fp.hi, fp.lo);
    options.progress?.(executed, actions);
    return outcome;
  };
  const choices = fc.array(fc.nat(), { maxLength: options.steps, size: "max" });
  const input: fc.Arbitrary<Input> = fc.tuple(options.swarm ? swarmDrawArbitrary(config.txns.length) : fc.constant(null), choices);
  const parameters: fc.Parameters<[Input]> = {
    seed: options.seed, numRuns: options.runs,
    ...(options.path != null ? { path: options.path, endOnFailure: true } : {}),
    ...(options.timeLimitMs != null ? { plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)] } : {}),
  };
  const details = fc.check(fc.property(input, (x) => evaluate(x).violation === null), parameters);
  if (details.failed && details.counterexample === null) throw details.errorInstance ?? new Error("fast-check failed without a counterexample");
  let failure: RandomFailure | null = null;
  if (details.failed && details.counterexample !== null) {
    const [run] = details.counterexample;
    const entry = contexts.get(run[0]);
    const ctx = withFreshTables(entry.ctx);
    const outcome = runChoices(ctx, run[1], entry.runOptions);
    failure = { config: ctx.config, ctx, runOptions: entry.runOptions, choices: run[1], swarmDraw: run[0],
      outcome, path: details.counterexamplePath ?? "" };
  }
  return {
    seed: details.seed, runs: details.numRuns, executed, actions, shrinks: details.numShrinks, interrupted: details.interrupted,
    reached, digest: fingerprintHex(digest.hi, digest.lo), failure,
  };
}

/** One context per distinct config: building the Byzantine alphabet per run would dominate short runs. Each run gets fresh tables. */
interface ContextEntry { readonly ctx: CheckContext; readonly runOptions: RunOptions; readonly fingerprinter: WorldFingerprinter }

class ContextCache {
  private readonly entries = new Map<string, ContextEntry>();
  constructor(private readonly base: CheckConfig, private readonly liveness: LivenessMode) {}

  get(draw: SwarmDraw | null): ContextEntry {
    // twoFaulty means nothing below n = 7: such draws share one context.
    const key = draw === null ? "" : JSON.stringify({ ...draw, twoFaulty: draw.n >= 7 && draw.twoFaulty });
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const ctx = makeContext(draw === null ? this.base : swarmConfig(this.base, draw));
      entry = { ctx, runOptions: runOptionsFor(ctx, this.liveness), fingerprinter: new WorldFingerprinter(ctx) };
      this.entries.set(key, entry);
    }
    return entry;
  }
}
