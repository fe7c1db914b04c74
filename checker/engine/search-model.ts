/**
 * What the engine needs of a protocol to search it, and nothing more: an initial
 * state, the enabled actions in a fixed order (so a path of action indices
 * replays), the successor, a 64-bit fingerprint, and the properties to judge.
 * The engine never looks inside a state. A second protocol is checked by writing
 * one of these (test/checker/engine/two-phase-commit.ts is a toy one).
 *
 * Two optional members serve the run-shaped searches (random, coverage, replay):
 * `sometimes` properties to report as reached, and `step`, a judged successor.
 * Two sub-interfaces add what a search needs beyond that: an action codec for
 * traces (trace-container.ts: TraceModel) and a coverage key for a state
 * (coverage-search.ts: CoverageModel).
 */
import type { Fingerprint64 } from "./hash64.js";

/** A failed property: its name and what is wrong, in one line. */
export interface Verdict {
  readonly invariant: string;
  readonly message: string;
}

/** A named state predicate: null when it holds, else why not. */
export interface StatePredicate<S> {
  readonly name: string;
  check(state: S): string | null;
}

export interface SearchModel<S, A> {
  /** The one initial state (a model with several starts with a choosing action). */
  initial(): S;
  /** The actions enabled in `state`, always in the same order for equal states. */
  actions(state: S): readonly A[];
  successor(state: S, action: A): S;
  /** Writes `state`'s fingerprint into `out`: equal states (after `canonical`) must hash equal. */
  fingerprint(state: S, out: Fingerprint64): void;
  /** Safety: must hold in every reachable state. */
  readonly invariants: readonly StatePredicate<S>[];
  /**
   * Must hold in every reachable state with no enabled action (a finite run's end): "nothing is
   * left waiting", a liveness property on runs that stop. A state that breaks it is a stuck run.
   */
  readonly quiescent?: readonly StatePredicate<S>[];
  /** Safety of one step: null when `before --action--> after` is allowed, else why not. */
  transitionCheck?(before: S, action: A, after: S): Verdict | null;
  /** A representative of `state`'s class (symmetry): searched in its place. Identity when absent. */
  canonical?(state: S): S;
  /**
   * Properties some run should reach (STYLE.md pairs every `always` with a `sometimes`): random and
   * coverage search report which ones a run's last state witnessed. Null when the state witnesses it.
   */
  readonly sometimes?: readonly StatePredicate<S>[];
  /**
   * The successor and its verdict (transition check, then the invariants) in one call, for models that
   * judge both faster together or turn their own assertion failures into a verdict. The random, coverage
   * and replay loops use it; `judgedStep` below is the default. `selfLoop` marks a step that changed
   * nothing the model cares about (coverage search may redraw it instead of spending a step).
   */
  step?(state: S, action: A): JudgedStep<S>;
}

export interface JudgedStep<S> {
  readonly state: S;
  readonly verdict: Verdict | null;
  readonly selfLoop?: boolean;
}

/** One step judged: the model's own `step` when it has one, else successor, transition check, invariants. */
export function judgedStep<S, A>(model: SearchModel<S, A>, state: S, action: A): JudgedStep<S> {
  if (model.step !== undefined) return model.step(state, action);
  const next = model.successor(state, action);
  const verdict = model.transitionCheck?.(state, action, next) ?? null;
  return { state: next, verdict: verdict ?? judge(model, next) };
}

/** The first broken safety or quiescence property of `state`, or null. */
export function judge<S, A>(model: SearchModel<S, A>, state: S): Verdict | null {
  for (const p of model.invariants) {
    const message = p.check(state);
    if (message !== null) return { invariant: p.name, message };
  }
  if (model.quiescent === undefined || model.quiescent.length === 0) return null;
  if (model.actions(state).length > 0) return null;
  for (const p of model.quiescent) {
    const message = p.check(state);
    if (message !== null) return { invariant: p.name, message };
  }
  return null;
}

/** The states along `path` (action indices) from the initial state, as the explorers reached them. */
export function replayPath<S, A>(model: SearchModel<S, A>, path: readonly number[]): S[] {
  const canonical = (s: S): S => model.canonical?.(s) ?? s;
  const states = [canonical(model.initial())];
  for (const index of path) {
    const before = states[states.length - 1] as S;
    const action = model.actions(before)[index];
    if (action === undefined) throw new RangeError(`action ${index} is not enabled at step ${states.length}`);
    states.push(canonical(model.successor(before, action)));
  }
  return states;
}
