/**
 * Random walks over a SearchModel (DESIGN.md §6, deep runs): from the initial
 * state, take a uniformly drawn enabled action until none is left or the step
 * bound is hit, judging every state and step on the way. No visited set, so a
 * walk reaches depths BFS cannot; the seed and the action indices make every
 * counterexample replay exactly (search-model.ts: replayPath).
 */
import { below, makeRng } from "./prng.js";
import { judge, type SearchModel, type Verdict } from "./search-model.js";

export interface WalkOptions {
  readonly seed: number;
  readonly walks: number;
  readonly stepsMax: number;
}

export interface WalkViolation extends Verdict {
  /** Which walk (0-based) found it, and the action indices it took from the initial state. */
  readonly walk: number;
  readonly path: readonly number[];
}

export interface WalkResult {
  readonly walks: number;
  readonly steps: number;
  readonly violation: WalkViolation | null;
}

export function randomWalks<S, A>(model: SearchModel<S, A>, options: WalkOptions): WalkResult {
  const rng = makeRng(options.seed);
  const canonical = (s: S): S => model.canonical?.(s) ?? s;
  let steps = 0;
  for (let walk = 0; walk < options.walks; walk++) {
    let state = canonical(model.initial());
    const path: number[] = [];
    let bad = judge(model, state);
    while (bad === null && path.length < options.stepsMax) {
      const actions = model.actions(state);
      if (actions.length === 0) break;
      const index = below(rng, actions.length);
      const action = actions[index] as A;
      const next = model.successor(state, action);
      path.push(index);
      steps++;
      bad = model.transitionCheck?.(state, action, next) ?? null;
      state = canonical(next);
      bad ??= judge(model, state);
    }
    if (bad !== null) return { walks: walk + 1, steps, violation: { ...bad, walk, path } };
  }
  return { walks: options.walks, steps, violation: null };
}
