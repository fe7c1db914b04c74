/**
 * Coverage-guided search (`--mode coverage`): an archive of one world per cell
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
 */
import { sometimesProperties } from "../../spec/invariants/index.js";
import type { Invariant } from "../../spec/global-view.js";
import { byzantineClass, byzantineKind, classCount, classOf } from "../model/action-draw.js";
import { enabledActions, type Action } from "../model/actions.js";
import { stepChecked, type CheckedStep, type Judged } from "../model/checked-step.js";
import type { CheckContext } from "../model/context.js";
import { cellKey, DigestNames } from "./coverage-cell.js";
import { firstViolation } from "../model/first-violation.js";
import { globalView } from "../model/global-view-adapter.js";
import { initialWorld } from "../model/initial-world.js";
import { below, chance, makeRng, type Rng } from "../engine/prng.js";
import { finishRun, type RunOptions } from "./random-run.js";
import { drawStealthy, type RedrawBudget } from "./stealthy-draw.js";
import { StageIndex, viewStage } from "./view-stage.js";
import type { World } from "../model/world.js";

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
   * `--swarm`: swarm excursions (SwarmFeatures), half of the cells drawn from the newest,
   * and ignored Byzantine moves redrawn instead of spending a step. Off by default, so the
   * mutant catalog's seeded searches stay as they were measured.
   */
  readonly swarm?: boolean;
}

/** A path from the initial world, shared between cells: each step points at the one before. */
interface PathStep {
  readonly action: Action;
  readonly before: PathStep | null;
  readonly length: number;
}

interface Cell {
  readonly world: World;
  readonly path: PathStep | null;
  picked: number;
}

export interface CoverageFailure {
  /** The fault-phase actions from the initial world to the violation (or to the healed phase that showed it). */
  readonly actions: readonly Action[];
  readonly violation: Judged;
  readonly phase: "fault" | "healed" | "liveness";
}

export interface CoverageResult {
  readonly excursions: number;
  readonly cells: number;
  readonly actions: number;
  /** The deepest archived world's distance from the initial one, in steps. */
  readonly depthMax: number;
  readonly interrupted: boolean;
  readonly reached: readonly string[];
  readonly failure: CoverageFailure | null;
}

export function exploreCoverage(ctx: CheckContext, options: CoverageOptions): CoverageResult {
  const rng = makeRng(options.seed);
  const names = new DigestNames();
  const cells: Cell[] = [];
  const index = new Set<string>();
  const pending: Invariant[] = [...sometimesProperties];
  const reached: string[] = [];
  let actions = 0;
  let depthMax = 0;
  const result = (excursions: number, interrupted: boolean, failure: CoverageFailure | null): CoverageResult =>
    ({ excursions, cells: cells.length, actions, depthMax, interrupted, reached, failure });
  const stages = options.swarm === true ? new StageIndex() : null;
  const archive = (world: World, path: PathStep | null): boolean => {
    const key = cellKey(world, ctx, names);
    if (index.has(key)) return false;
    index.add(key);
    stages?.add(viewStage(world, ctx), cells.length);
    cells.push({ world, path, picked: 0 });
    depthMax = Math.max(depthMax, path?.length ?? 0);
    return true;
  };
  const witness = (world: World): void => {
    if (pending.length === 0) return;
    const view = globalView(world, ctx);
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as Invariant;
      if (p.check(view) === null) { reached.push(p.name); pending.splice(i, 1); }
    }
  };

  const root = initialWorld(ctx);
  const rootViolation = firstViolation(root, ctx);
  if (rootViolation !== null) return result(0, false, { actions: [], violation: rootViolation, phase: "fault" });
  archive(root, null);
  for (let e = 0; e < options.runs; e++) {
    if (options.stop?.() === true) return result(e, true, null);
    const cell = pickCell(rng, cells, stages);
    cell.picked++;
    let world = cell.world;
    let path = cell.path;
    let found = false;
    // Swarm: a Byzantine move its target ignores (BFS drops these as self-loops) or that convicts its sender
    // is put back for another of its kind, within a bound on redraws (stealthy-draw.ts).
    const redraws: RedrawBudget = { left: options.swarm === true ? options.steps * redrawsPerStep : 0 };
    const features = options.swarm === true ? new SwarmFeatures(rng) : null;
    for (let k = 0; k < options.steps; k++) {
      const enabled = enabledActions(world, ctx);
      const group = pickGroup(rng, features === null ? enabled : features.filter(enabled));
      if (group === undefined) break;
      let action: Action;
      let next: CheckedStep;
      if (features !== null && classOf(group[0] as Action) === byzantineClass) {
        const from = world;
        const step = (a: Action): CheckedStep => { actions++; return stepChecked(from, a, ctx); };
        ({ action, next } = drawStealthy(rng, from, group, redraws, step));
      } else {
        action = group[below(rng, group.length)] as Action;
        next = stepChecked(world, action, ctx);
        actions++;
      }
      path = { action, before: path, length: (path?.length ?? 0) + 1 };
      if (next.violation !== null) return result(e + 1, false, { actions: pathActions(path), violation: next.violation, phase: "fault" });
      world = next.world;
      if (archive(world, path)) found = true;
    }
    // Judging a healed phase from every new cell instead of the excursion's end was tried: no faster catch.
    if (!found) continue;
    const end = finishRun(world, ctx, options.runOptions);
    actions += end.healed.length;
    witness(end.world);
    if (end.violation !== null) {
      const phase = end.violation.invariant === "liveness" ? "liveness" : "healed";
      return result(e + 1, false, { actions: pathActions(path), violation: end.violation, phase });
    }
    options.progress?.(e + 1, cells.length, actions);
  }
  return result(options.runs, false, null);
}

/** How many of the newest cells the frontier draw picks among. */
const frontierCells = 64;

/**
 * With swarm excursions, half the time a cell among the newest (the frontier: Go-Explore's "first return" to
 * where progress was last made, so a chain of milestones is followed while it is fresh
 * instead of diluted by an archive of thousands), otherwise a view stage first; then weight
 * 1/sqrt(1 + picked), by rejection: a uniform draw kept with that probability (expected few draws).
 */
function pickCell(rng: Rng, cells: readonly Cell[], stages: StageIndex | null): Cell {
  if (stages !== null && chance(rng, 0.5)) {
    const from = Math.max(0, cells.length - frontierCells);
    return cells[from + below(rng, cells.length - from)] as Cell;
  }
  // Swarm: a view stage first, uniformly (view-stage.ts), then a cell of it by the same weight.
  const stage = stages === null ? null : stages.stages[below(rng, stages.stages.length)] as readonly number[];
  for (;;) {
    const cell = cells[stage === null ? below(rng, cells.length) : stage[below(rng, stage.length)] as number] as Cell;
    if (chance(rng, 1 / Math.sqrt(1 + cell.picked))) return cell;
  }
}

/**
 * Swarm testing per excursion (Groce et al., ISSTA 2012): each excursion leaves out a
 * random half of the features — deliveries from a given sender, Byzantine moves of a
 * given kind — so the moves it keeps are not diluted by the rest, and some excursions
 * hold a message back for their whole length (a slow coordinator, a silent link) where a
 * uniform draw would deliver it within a few steps. A feature is drawn the first time an
 * excursion meets it; a step whose every action is left out draws from all of them.
 */
class SwarmFeatures {
  private readonly kept = new Map<string, boolean>();
  constructor(private readonly rng: Rng) {}

  filter(enabled: Action[]): Action[] {
    const out = enabled.filter((a) => this.keeps(featureOf(a)));
    return out.length > 0 ? out : enabled;
  }

  private keeps(feature: string | null): boolean {
    if (feature === null) return true;
    let keep = this.kept.get(feature);
    if (keep === undefined) { keep = chance(this.rng, 0.5); this.kept.set(feature, keep); }
    return keep;
  }
}

/** The feature an action belongs to, or null for those never left out (timers, network faults). */
function featureOf(a: Action): string | null {
  if (a.kind === "deliver") return `deliver from ${a.envelope.from}`;
  return classOf(a) === byzantineClass ? `byzantine ${byzantineKind(a)}` : null;
}

/**
 * Redraws per step a swarm excursion may spend on Byzantine moves that are ignored or convict their sender
 * (stealthy-draw.ts); a kind of the alphabet holds up to a few dozen moves.
 */
const redrawsPerStep = 8;

/**
 * A class first (uniform over the classes enabled), for Byzantine moves then a message kind: the group an
 * action is then drawn from, uniformly (plain excursions) or stealthily (swarm, Byzantine moves).
 */
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

function pathActions(path: PathStep | null): Action[] {
  const out: Action[] = [];
  for (let p = path; p !== null; p = p.before) out.push(p.action);
  return out.reverse();
}
