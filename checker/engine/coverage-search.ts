/**
 * Coverage-guided search over any SearchModel with a coverage key: an archive
 * of one state per cell (the model's `coverageKey`: how far the protocol got,
 * not how its messages interleaved), and excursions of random steps that start
 * from an archived state instead of the initial one. A state whose cell is new
 * joins the archive as a seed, so progress accumulates: a counterexample 30
 * specific steps deep is a chain of short excursions, each reaching one more
 * milestone, where a random walk from the start must guess all 30 at once.
 *
 * This is Go-Explore's loop (Ecoffet et al., "First return, then explore",
 * Nature 2021) with a model-level cell, and the corpus of coverage-guided
 * fuzzers (AFL) with states instead of inputs. A cell is picked with weight
 * 1/sqrt(1 + times picked), so rarely explored progress gets the attention.
 * Every state reached is judged; an excursion that found a new cell ends with
 * the model's finish (if any). It is a search, not a proof: "clean" means no
 * violation found in the excursions run. Everything follows from the seed.
 * With `neighbourhood`, each new cell's state is also explored exhaustively to a
 * small depth (coverage-neighbourhood.ts), which draws nothing from the seed.
 */
import type { RunFinish } from "./choice-run.js";
import { below, chance, makeRng, type Rng } from "./prng.js";
import { CellStages } from "./cell-stages.js";
import { Neighbourhoods, type NeighbourhoodCounts, type NeighbourhoodOptions } from "./coverage-neighbourhood.js";
import { judge, judgedStep, type JudgedStep, type SearchModel, type Verdict } from "./search-model.js";
import { Witness } from "./sometimes-witness.js";
import { SwarmFeatures } from "./swarm-features.js";

/** A model coverage search can run: a SearchModel that names each state's cell. */
export interface CoverageModel<S, A> extends SearchModel<S, A> {
  /** Equal keys mean "the same progress": the archive keeps the first state of each key. */
  coverageKey(state: S): string;
}

export interface CoverageSearchOptions<S, A> {
  /** Excursions to run (the search's budget). */
  readonly runs: number;
  /** Random steps per excursion. */
  readonly steps: number;
  readonly seed: number;
  /** Draws an action among the enabled ones; uniform when absent. Undefined when none is enabled. */
  readonly pick?: (rng: Rng, enabled: readonly A[]) => A | undefined;
  /** Ends an excursion that found a new cell (a finishing phase and its judgement). */
  readonly finish?: (state: S) => RunFinish<S, A>;
  /**
   * Swarm excursions: each leaves out a random half of the features (`featureOf`, null for an action never
   * left out); half of the cells are drawn among the newest; and a self-loop step (`selfLoop` set by the
   * model's step) that `redraw` accepts is drawn again instead of spending a step, within a bound.
   */
  readonly swarm?: {
    readonly featureOf: (action: A) => string | null;
    readonly redraw?: (action: A) => boolean;
    /**
     * A stage per state (how far along, e.g. the view reached): a cell not drawn from the newest is drawn
     * stage first, uniformly, then within the stage; without it, from the whole archive.
     */
    readonly stageOf?: (state: S) => string;
    /**
     * Takes one step of a swarm excursion itself: it may try several actions through `step` (each one counts),
     * spending the excursion's shared `budget` of redraws. Without it: `pick`, the step, and the self-loop
     * redraw of `redraw`.
     */
    readonly draw?: (rng: Rng, state: S, enabled: readonly A[], step: (action: A) => JudgedStep<S>,
      budget: RedrawBudget) => { readonly action: A; readonly next: JudgedStep<S> } | undefined;
    /** Redraws per step an excursion may spend (default 4). */
    readonly redrawsPerStep?: number;
  };
  /**
   * Explore each new cell's neighbourhood exhaustively to a depth (coverage-neighbourhood.ts); absent or depth 0:
   * off. It draws nothing from the seed, so the excursions stay the same.
   */
  readonly neighbourhood?: NeighbourhoodOptions;
  /** Checked between excursions and within a neighbourhood (a wall-clock stop lives with the caller). */
  readonly stop?: () => boolean;
  readonly progress?: (excursions: number, cells: number, actions: number) => void;
}

/** The redraws a swarm excursion has left, shared by its steps. */
export interface RedrawBudget {
  left: number;
}

/** A path from the initial state, shared between cells: each step points at the one before. */
interface PathStep<A> {
  readonly action: A;
  readonly before: PathStep<A> | null;
  readonly length: number;
}

interface Cell<S, A> {
  readonly state: S;
  readonly path: PathStep<A> | null;
  picked: number;
}

export interface CoverageSearchFailure<A> {
  /** The excursion's steps from the initial state to the violation (or to the finish that showed it). */
  readonly actions: readonly A[];
  readonly verdict: Verdict;
  readonly phase: "steps" | "finish";
  /** Found in a new cell's neighbourhood (the path to the cell, then the neighbourhood's BFS path). */
  readonly neighbourhood?: boolean;
}

export interface CoverageSearchResult<A> {
  readonly excursions: number;
  readonly cells: number;
  readonly actions: number;
  /** The deepest archived state's distance from the initial one, in steps. */
  readonly depthMax: number;
  readonly interrupted: boolean;
  readonly reached: readonly string[];
  readonly failure: CoverageSearchFailure<A> | null;
  /** What the neighbourhoods explored (all zero when off). */
  readonly neighbourhood: NeighbourhoodCounts;
}

/** Redraws per step a swarm excursion may spend on self-loops. */
const selfLoopRedrawsPerStep = 4;

export function exploreCoverageCells<S, A>(model: CoverageModel<S, A>, options: CoverageSearchOptions<S, A>):
  CoverageSearchResult<A> {
  const rng = makeRng(options.seed);
  const pick = options.pick ?? uniformPick;
  const cells: Cell<S, A>[] = [];
  const index = new Set<string>();
  const witness = new Witness<S>();
  let actions = 0;
  let depthMax = 0;
  const hoods = (options.neighbourhood?.depth ?? 0) > 0
    ? new Neighbourhoods<S, A, PathStep<A> | null>(model, options.neighbourhood as NeighbourhoodOptions) : null;
  const result = (excursions: number, interrupted: boolean, failure: CoverageSearchFailure<A> | null):
    CoverageSearchResult<A> => ({
    excursions, cells: cells.length, actions, depthMax, interrupted, reached: witness.reached, failure,
    neighbourhood: hoods?.counts ?? { roots: 0, states: 0, transitions: 0, cut: 0 },
  });
  // A new cell's neighbourhood: a violation there is the path to the cell followed by the neighbourhood's path.
  const hood = (state: S, path: PathStep<A> | null): CoverageSearchFailure<A> | null => {
    // Optionally a neighbourhood state with a new cell joins the archive, reached by its path from this cell.
    const onNew = options.neighbourhood?.archive === true
      ? (s: S, actionsOf: () => A[]) => {
        if (!index.has(model.coverageKey(s))) archive(s, extended(path, actionsOf()));
      }
      : undefined;
    const found = hoods?.explore(state, path, options.stop, onNew) ?? null;
    if (found === null) return null;
    return { actions: [...pathActions(found.rootTag), ...found.actions], verdict: found.verdict, phase: "steps",
      neighbourhood: true };
  };
  const stageOf = options.swarm?.stageOf;
  const stages = stageOf === undefined ? null : new CellStages();
  const archive = (state: S, path: PathStep<A> | null): boolean => {
    const key = model.coverageKey(state);
    if (index.has(key)) return false;
    index.add(key);
    if (stageOf !== undefined) stages?.add(stageOf(state), cells.length);
    cells.push({ state, path, picked: 0 });
    depthMax = Math.max(depthMax, path?.length ?? 0);
    return true;
  };

  const root = model.initial();
  const rootVerdict = judge(model, root);
  if (rootVerdict !== null) return result(0, false, { actions: [], verdict: rootVerdict, phase: "steps" });
  archive(root, null);
  const rootHood = hood(root, null);
  if (rootHood !== null) return result(0, false, rootHood);
  const swarm = options.swarm;
  for (let e = 0; e < options.runs; e++) {
    if (options.stop?.() === true) return result(e, true, null);
    const cell = pickCell(rng, cells, swarm !== undefined, stages);
    cell.picked++;
    let state = cell.state;
    let path = cell.path;
    let found = false;
    const perStep = swarm?.redrawsPerStep ?? selfLoopRedrawsPerStep;
    const budget: RedrawBudget = { left: swarm !== undefined ? options.steps * perStep : 0 };
    const features = swarm !== undefined ? new SwarmFeatures(rng, swarm.featureOf) : null;
    for (let k = 0; k < options.steps; k++) {
      const enabled = model.actions(state);
      const offered = features === null ? enabled : features.filter(enabled);
      let action: A;
      let next: JudgedStep<S>;
      if (swarm?.draw !== undefined) {
        const from = state;
        const drawn = swarm.draw(rng, from, offered, (a) => { actions++; return judgedStep(model, from, a); }, budget);
        if (drawn === undefined) break;
        ({ action, next } = drawn);
      } else {
        const picked = pick(rng, offered);
        if (picked === undefined) break;
        action = picked;
        next = judgedStep(model, state, action);
        actions++;
        // A step that changed nothing reaches the same state (BFS drops these as self-loops).
        const loop = next.selfLoop === true && next.verdict === null && swarm?.redraw?.(action) === true;
        if (loop && budget.left-- > 0) { k--; continue; }
      }
      path = { action, before: path, length: (path?.length ?? 0) + 1 };
      if (next.verdict !== null) {
        return result(e + 1, false, { actions: pathActions(path), verdict: next.verdict, phase: "steps" });
      }
      state = next.state;
      if (archive(state, path)) {
        found = true;
        const failure = hood(state, path);
        if (failure !== null) return result(e + 1, false, failure);
      }
    }
    if (!found || options.finish === undefined) {
      if (found) options.progress?.(e + 1, cells.length, actions);
      continue;
    }
    const end = options.finish(state);
    actions += end.steps.length;
    witness.check(model, end.state);
    if (end.verdict !== null) {
      return result(e + 1, false, { actions: pathActions(path), verdict: end.verdict, phase: "finish" });
    }
    options.progress?.(e + 1, cells.length, actions);
  }
  return result(options.runs, false, null);
}

function uniformPick<A>(rng: Rng, enabled: readonly A[]): A | undefined {
  return enabled.length === 0 ? undefined : enabled[below(rng, enabled.length)];
}

/** How many of the newest cells the frontier draw picks among. */
const frontierCells = 64;

/**
 * With swarm excursions, half the time a cell among the newest (the frontier: Go-Explore's "first return"
 * to where progress was last made, so a chain of milestones is followed while it is fresh instead of
 * diluted by an archive of thousands); otherwise (with stages) a stage first, uniformly, then weight
 * 1/sqrt(1 + picked) by rejection: a uniform draw kept with that probability (expected few draws).
 */
function pickCell<C extends { readonly picked: number }>(rng: Rng, cells: readonly C[], frontier: boolean,
  stages: CellStages | null): C {
  if (frontier && chance(rng, 0.5)) {
    const from = Math.max(0, cells.length - frontierCells);
    return cells[from + below(rng, cells.length - from)] as C;
  }
  const stage = stages === null ? null : stages.stages[below(rng, stages.stages.length)] as readonly number[];
  for (;;) {
    const cell = cells[stage === null ? below(rng, cells.length) : stage[below(rng, stage.length)] as number] as C;
    if (chance(rng, 1 / Math.sqrt(1 + cell.picked))) return cell;
  }
}

function extended<A>(path: PathStep<A> | null, actions: readonly A[]): PathStep<A> | null {
  let at = path;
  for (const action of actions) at = { action, before: at, length: (at?.length ?? 0) + 1 };
  return at;
}

function pathActions<A>(path: PathStep<A> | null): A[] {
  const out: A[] = [];
  for (let p = path; p !== null; p = p.before) out.push(p.action);
  return out.reverse();
}
