/**
 * Coverage-guided search (`--mode coverage`), the engine's coverage search
 * (engine/coverage-search.ts) over byzcommit's world: an archive of one world per cell
 * (coverage-cell.ts: how far the protocol got, not how the messages
 * interleaved), and excursions of random steps that start from an archived
 * world instead of the initial one. Each excursion's new cells join the
 * archive, so progress accumulates: a counterexample 30 specific steps deep is
 * a chain of short excursions, each reaching one more milestone (a prepared
 * certificate, a view change, a NEW-VIEW), where a random walk from the start
 * must guess all 30 steps at once.
 *
 * This is Go-Explore's loop (Ecoffet et al., "First return, then explore",
 * Nature 2021) with a protocol-level cell, and the corpus of coverage-guided
 * fuzzers (AFL) with states instead of inputs. A cell is picked with weight
 * 1/sqrt(1 + times picked), so rarely explored progress gets the attention.
 * Within an excursion an action is drawn class first (deliver, timer, network
 * fault, Byzantine move) then uniformly in its class: a Byzantine alphabet of
 * a hundred moves would otherwise drown the few deliveries that make progress.
 *
 * Every state reached is held to the safety invariants, as in random mode; an
 * excursion that found a new cell ends with the healed phase and the liveness
 * judgement. It is a search, not a proof: "clean" means no violation found in
 * the excursions run. Everything follows from the seed.
 *
 * With a `root` (`--from TRACE`) the archive starts with the world at the end of the trace's
 * actions instead of the initial one, and a failure's actions start there too.
 */
import { exploreCoverageCells, type CoverageModel, type CoverageSearchResult,
  type RedrawBudget } from "../engine/coverage-search.js";
import type { NeighbourhoodOptions } from "../engine/coverage-neighbourhood.js";
import { below, type Rng } from "../engine/prng.js";
import type { JudgedStep } from "../engine/search-model.js";
import { byzantineClass, byzantineKind, classCount, classOf } from "../model/action-draw.js";
import type { Action } from "../model/actions.js";
import type { Judged } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { worldRunModel } from "../model/world-run-model.js";
import type { World } from "../model/world.js";
import { cellKey, DigestNames } from "./coverage-cell.js";
import { finishing, finishPhase, type RunOptions } from "./random-run.js";
import { drawStealthy } from "./stealthy-draw.js";
import { viewStage } from "./view-stage.js";

export interface CoverageOptions {
  /** Excursions to run (the search's budget). */
  readonly runs: number;
  /** Random steps per excursion. */
  readonly steps: number;
  readonly seed: number;
  readonly runOptions: RunOptions;
  /** Wall-clock stop: checked between excursions (the CLI passes Date.now-based limits). */
  readonly stop?: () => boolean;
  readonly progress?: (excursions: number, cells: number, actions: number) => void;
  /**
   * `--swarm`: swarm excursions (engine/swarm-features.ts: a feature is a sender's deliveries or a
   * Byzantine move kind), half of the cells drawn from the newest and the rest view stage first
   * (view-stage.ts), and Byzantine moves drawn stealthily within their kind (stealthy-draw.ts: one its
   * target ignores or that convicts its sender is put back, within a budget). Off by default, so the
   * mutant catalog's seeded plain searches stay as they were measured.
   */
  readonly swarm?: boolean;
  /** `--hood D`: each new cell's neighbourhood explored exhaustively to depth D (engine/coverage-neighbourhood.ts). */
  readonly neighbourhood?: NeighbourhoodOptions;
  /** The archive's first world, in `ctx`'s tables (`--from`); the initial world when absent. */
  readonly root?: World;
}

export interface CoverageFailure {
  /** The fault-phase actions from the search's root to the violation (or to the healed phase that showed it). */
  readonly actions: readonly Action[];
  readonly violation: Judged;
  readonly phase: "fault" | "healed" | "liveness";
  /** Found in a new cell's neighbourhood (`--hood`). */
  readonly neighbourhood?: boolean;
}

/** The engine's result with byzcommit's failure (its phase: fault, healed or liveness). */
export type CoverageResult = Omit<CoverageSearchResult<Action>, "failure"> & {
  readonly failure: CoverageFailure | null;
};

export function exploreCoverage(ctx: CheckContext, options: CoverageOptions): CoverageResult {
  // Digest names live as long as one search, so a cell key means the same thing throughout it.
  const names = new DigestNames();
  const root = options.root;
  const model: CoverageModel<World, Action> = {
    ...worldRunModel(ctx), coverageKey: (w) => cellKey(w, ctx, names),
    ...(root === undefined ? {} : { initial: () => root }),
  };
  const result = exploreCoverageCells(model, {
    runs: options.runs, steps: options.steps, seed: options.seed, pick: pickAction,
    finish: finishing(ctx, options.runOptions),
    ...(options.swarm === true
      ? { swarm: { featureOf, stageOf: stageOf(ctx), draw: drawSwarmStep, redrawsPerStep } }
      : {}),
    ...(options.stop !== undefined ? { stop: options.stop } : {}),
    ...(options.neighbourhood !== undefined ? { neighbourhood: options.neighbourhood } : {}),
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
  });
  const { excursions, cells, actions, depthMax, interrupted, reached, neighbourhood } = result;
  const found = result.failure;
  const failure: CoverageFailure | null = found === null ? null : {
    actions: found.actions, violation: found.verdict,
    phase: found.phase === "steps" ? "fault" : finishPhase(found.verdict),
    ...(found.neighbourhood === true ? { neighbourhood: true } : {}),
  };
  return { excursions, cells, actions, depthMax, interrupted, reached, failure, neighbourhood };
}

const stageOf = (ctx: CheckContext) => (w: World): string => viewStage(w, ctx);

/**
 * Redraws per step a swarm excursion may spend on Byzantine moves that are ignored or convict their sender
 * (stealthy-draw.ts); a kind of the alphabet holds up to a few dozen moves.
 */
const redrawsPerStep = 8;

/**
 * One swarm step: a class first, for Byzantine moves then a kind (pickGroup); a Byzantine move is then drawn
 * stealthily within its kind, any other uniformly.
 */
function drawSwarmStep(
  rng: Rng, world: World, enabled: readonly Action[],
  step: (action: Action) => JudgedStep<World>, budget: RedrawBudget,
): { readonly action: Action; readonly next: JudgedStep<World> } | undefined {
  const group = pickGroup(rng, enabled);
  if (group === undefined) return undefined;
  if (classOf(group[0] as Action) !== byzantineClass) {
    const action = group[below(rng, group.length)] as Action;
    return { action, next: step(action) };
  }
  const checked = (a: Action) => {
    const j = step(a);
    return { world: j.state, violation: j.verdict, ...(j.selfLoop !== undefined ? { selfLoop: j.selfLoop } : {}) };
  };
  const drawn = drawStealthy(rng, world, group, budget, checked);
  const next = drawn.next;
  const selfLoop = next.selfLoop !== undefined ? { selfLoop: next.selfLoop } : {};
  return { action: drawn.action, next: { state: next.world, verdict: next.violation, ...selfLoop } };
}

/** The feature an action belongs to, or null for those never left out (timers, network faults). */
function featureOf(a: Action): string | null {
  if (a.kind === "deliver") return `deliver from ${a.envelope.from}`;
  return classOf(a) === byzantineClass ? `byzantine ${byzantineKind(a)}` : null;
}

/**
 * Within an excursion an action is drawn class first (deliver, timer, network fault, Byzantine move), for
 * Byzantine moves then a message kind, then uniformly: a Byzantine alphabet of a hundred moves would
 * otherwise drown the few deliveries that make progress.
 */
function pickAction(rng: Rng, enabled: readonly Action[]): Action | undefined {
  const group = pickGroup(rng, enabled);
  return group === undefined ? undefined : group[below(rng, group.length)];
}

/** A class first (uniform over the classes enabled), for Byzantine moves then a message kind: the group. */
function pickGroup(rng: Rng, enabled: readonly Action[]): readonly Action[] | undefined {
  if (enabled.length === 0) return undefined;
  const classes: Action[][] = Array.from({ length: classCount }, () => []);
  for (const a of enabled) (classes[classOf(a)] as Action[]).push(a);
  const present = classes.filter((c) => c.length > 0);
  const chosen = present[below(rng, present.length)] as Action[];
  if (classOf(chosen[0] as Action) !== byzantineClass) return chosen;
  const byKind = new Map<string, Action[]>();
  for (const a of chosen) {
    const kind = byzantineKind(a);
    const list = byKind.get(kind);
    if (list === undefined) byKind.set(kind, [a]);
    else list.push(a);
  }
  const kinds = [...byKind.values()];
  return kinds[below(rng, kinds.length)] as Action[];
}
