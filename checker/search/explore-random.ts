/**
 * Random mode (DESIGN.md §6): the engine's random search
 * (engine/random-search.ts) over byzcommit's world. fast-check generates runs
 * as arrays of choices (random-run.ts), each run ends with a healed phase and a
 * liveness judgement, and a failing run is shrunk by fast-check itself
 * (shorter lists, smaller choices; in swarm mode a smaller config too, the
 * swarm draw being the engine's variant). Everything follows from the seed:
 * the same seed and options give the same runs, the same counterexample and
 * the same `digest`; fast-check's `path` replays one run directly.
 *
 * Wall-clock limits stay outside (the CLI passes `timeLimitMs`); counters and
 * the context cache live in one call, never across calls.
 *
 * With a `root` (`--from TRACE`), every run starts at the end of the trace's actions instead
 * of the initial world, replayed on the run's own tables: its choices, its healed phase and
 * its liveness judgement all come after the root, a situation no run from the start reaches.
 */
import { drawIndex } from "../model/action-draw.js";
import {
  exploreRandomRuns, type RandomFamily, type RandomSearchOptions, type RandomSearchResult, type RunSetup,
} from "../engine/random-search.js";
import type { Action } from "../model/actions.js";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext, withFreshTables, type CheckContext } from "../model/context.js";
import { WorldFingerprinter } from "../model/fingerprint.js";
import type { LivenessMode } from "../model/liveness.js";
import { worldRunModel } from "../model/world-run-model.js";
import type { World } from "../model/world.js";
import { finishing, runChoices, runOptionsFor, type RunOptions, type RunOutcome } from "./random-run.js";
import { swarmConfig, swarmDrawArbitrary, type SwarmDraw } from "./swarm.js";
import { rootWorld, type SearchRoot } from "./trace-prefix.js";

/** The engine's options (runs, steps = the fault phase's choices, seed, path, time limit, progress) and ours. */
export interface RandomOptions extends RandomSearchOptions {
  readonly swarm: boolean;
  readonly liveness: LivenessMode;
  /** Start every run at the end of this trace's actions (its config is the search's; no swarm). */
  readonly root?: SearchRoot | null;
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

/** The engine's result with byzcommit's failure (its config, context and healed outcome). */
export type RandomResult = Omit<RandomSearchResult<World, Action, SwarmDraw>, "failure"> & {
  readonly failure: RandomFailure | null;
};

export function exploreRandom(config: CheckConfig, options: RandomOptions): RandomResult {
  const root = options.root ?? null;
  if (root !== null && options.swarm) throw new RangeError("a rooted random search draws no swarm configs");
  const contexts = new ContextCache(config, options.liveness, root);
  const family: RandomFamily<World, Action, SwarmDraw> = {
    setup: (draw) => contexts.setup(draw),
    ...(options.swarm ? { variants: swarmDrawArbitrary(config.txns.length) } : {}),
  };
  const result = exploreRandomRuns(family, options);
  let failure: RandomFailure | null = null;
  if (result.failure !== null) {
    const { variant, choices } = result.failure;
    const entry = contexts.get(variant);
    // The failing run again, on its own tables, as the CLI's trace builder and the tests expect.
    const ctx = withFreshTables(entry.ctx);
    const outcome = runChoices(ctx, choices, entry.runOptions, contexts.model(ctx, entry.fingerprinter));
    failure = { config: ctx.config, ctx, runOptions: entry.runOptions, choices, swarmDraw: variant, outcome,
      path: result.failure.path };
  }
  const { seed, runs, executed, actions, shrinks, interrupted, reached, digest } = result;
  return { seed, runs, executed, actions, shrinks, interrupted, reached, digest, failure };
}

/**
 * One context per distinct config: building the Byzantine alphabet per run would dominate short runs.
 * Each run gets fresh tables.
 */
interface ContextEntry {
  readonly ctx: CheckContext;
  readonly runOptions: RunOptions;
  readonly fingerprinter: WorldFingerprinter;
}

class ContextCache {
  private readonly entries = new Map<string, ContextEntry>();
  constructor(private readonly base: CheckConfig, private readonly liveness: LivenessMode,
    private readonly root: SearchRoot | null) {}

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

  /** A run's setup: the config's world on fresh tables, the class-first draw, the healed finish. */
  setup(draw: SwarmDraw | null): RunSetup<World, Action> {
    const entry = this.get(draw);
    const ctx = withFreshTables(entry.ctx);
    return { model: this.model(ctx, entry.fingerprinter), draw: drawIndex, finish: finishing(ctx, entry.runOptions) };
  }

  /** A run's model on `ctx`'s tables: from the initial world, or from the root replayed on those tables. */
  model(ctx: CheckContext, fingerprinter: WorldFingerprinter): ReturnType<typeof worldRunModel> {
    const model = worldRunModel(ctx, fingerprinter);
    const root = this.root;
    return root === null ? model : { ...model, initial: () => rootWorld(root, ctx) };
  }
}
