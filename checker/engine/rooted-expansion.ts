/**
 * A BFS expansion rooted at a given state instead of the model's initial one: the
 * same expansion in every other respect, so the level loop (explore-bfs.ts), its
 * visited set, parent log and budgets run unchanged, and a violation's path is the
 * action indices from `root`. `--from TRACE` roots the search at a trace's end state.
 */
import type { BfsExpansion, FoundViolation, Frontier, StateSink } from "./bfs-expansion.js";
import type { Fingerprint64 } from "./hash64.js";
import type { Verdict } from "./search-model.js";

export function rootedAt<S>(expansion: BfsExpansion<S>, root: S): BfsExpansion<S> {
  return {
    get transitions(): number { return expansion.transitions; },
    root: (): S => root,
    fingerprint: (state: S): Fingerprint64 => expansion.fingerprint(state),
    check: (state: S): Verdict | null => expansion.check(state),
    expand: (state: S, parent: number, sink: StateSink, onNew: (successor: S, index: number) => string | null):
      FoundViolation | string | null => expansion.expand(state, parent, sink, onNew),
    reached: (): readonly string[] => expansion.reached(),
    newFrontier: (): Frontier<S> => expansion.newFrontier(),
  };
}
