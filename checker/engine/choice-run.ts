/**
 * One run driven by a list of choices (DESIGN.md §6: random runs as arrays of
 * choices, so that failures shrink): each choice picks one of the enabled
 * actions, every step is judged, and the run may end with the model's own
 * finish (byzcommit's healed phase and liveness judgement). Choices are plain
 * integers so fast-check can generate and shrink them: a shorter list is a
 * shorter run, and a choice shrunk to 0 picks the first enabled action.
 */
import { judge, judgedStep, type SearchModel, type Verdict } from "./search-model.js";

/** How a run ends after its choices: more steps of the model's choosing, and their verdict. */
export interface RunFinish<S, A> {
  readonly state: S;
  readonly steps: readonly A[];
  readonly verdict: Verdict | null;
}

export interface ChoiceRunOptions<S, A> {
  /** Which enabled action a choice picks; `choice mod count` when absent. */
  readonly draw?: (enabled: readonly A[], choice: number) => number;
  /** Run after the choices (when none of them violated): a finishing phase and its judgement. */
  readonly finish?: (state: S) => RunFinish<S, A>;
}

export interface ChoiceRun<S, A> {
  /** The last state: after the finish when there was one. */
  readonly state: S;
  /** The index taken at each chosen step, and its action. */
  readonly path: readonly number[];
  readonly actions: readonly A[];
  /** The finish's steps (empty when a chosen step violated). */
  readonly finished: readonly A[];
  readonly verdict: Verdict | null;
  /** Where the verdict showed: on a chosen step (or the initial state), or in the finish. */
  readonly phase: "choices" | "finish" | null;
}

export function runChoices<S, A>(model: SearchModel<S, A>, choices: readonly number[],
  options: ChoiceRunOptions<S, A> = {}): ChoiceRun<S, A> {
  let state = model.initial();
  const path: number[] = [];
  const actions: A[] = [];
  const root = judge(model, state);
  if (root !== null) return { state, path, actions, finished: [], verdict: root, phase: "choices" };
  for (const choice of choices) {
    const enabled = model.actions(state);
    if (enabled.length === 0) break;
    const index = options.draw === undefined ? choice % enabled.length : options.draw(enabled, choice);
    const action = enabled[index] as A;
    const next = judgedStep(model, state, action);
    path.push(index);
    actions.push(action);
    state = next.state;
    if (next.verdict !== null) return { state, path, actions, finished: [], verdict: next.verdict, phase: "choices" };
  }
  if (options.finish === undefined) return { state, path, actions, finished: [], verdict: null, phase: null };
  const end = options.finish(state);
  return { state: end.state, path, actions, finished: end.steps, verdict: end.verdict,
    phase: end.verdict === null ? null : "finish" };
}
