/**
 * The part of a search that BFS's level loop (explore-bfs.ts) hands to the model:
 * expanding one state into its new successors, and holding a level's states. A
 * plain SearchModel gets one from model-expansion.ts; a model may bring its own,
 * faster one that must explore the same states (byzcommit's fingerprints a
 * successor before building it: checker/model/state-expander.ts).
 */
import type { Fingerprint64 } from "./hash64.js";
import type { Verdict } from "./search-model.js";

/** Where the visited states live: a StateStore, or the workers' shared table. */
export interface StateSink {
  /** Adds a state reached from `parent` by `action`: its index, or -1 when known. Throws VisitedSetFull when full. */
  add(hi: number, lo: number, parent: number, action: number): number;
}

/** A violation found while expanding: at state `index`, or on the step `action` out of it (a transition check). */
export interface FoundViolation extends Verdict {
  readonly index: number;
  readonly action: number | null;
}

/** One BFS level's states, each with the index of the state it is (its children's parent). */
export interface Frontier<S> {
  push(state: S, index: number): void;
  /** The next state in push order, or null when the level is done. */
  pop(): { readonly state: S; readonly parent: number } | null;
  readonly length: number;
  readonly bytes: number;
}

export interface BfsExpansion<S> {
  /** Transitions tried so far. */
  readonly transitions: number;
  root(): S;
  /** The fingerprint of a state computed from scratch (the root's). */
  fingerprint(state: S): Fingerprint64;
  /** The first property `state` breaks, or null (the root is judged with this). */
  check(state: S): Verdict | null;
  /**
   * Expands `state`, state `parent`: every new successor is added to `sink`, judged, and handed to
   * `onNew` with its index; onNew may stop the search (returns a reason). Returns a violation, a stop
   * reason ("memory" when the sink is full, or onNew's), or null when every action was tried.
   */
  expand(state: S, parent: number, sink: StateSink, onNew: (successor: S, index: number) => string | null):
    FoundViolation | string | null;
  /** Names of the `sometimes` properties seen to hold so far (none for a model that states none). */
  reached(): readonly string[];
  newFrontier(): Frontier<S>;
}
