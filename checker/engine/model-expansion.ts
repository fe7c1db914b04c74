/**
 * The plain BFS expansion of a SearchModel: build each successor, take its
 * canonical form, fingerprint it, admit it if new, judge it. Level states are
 * kept as objects (a protocol with large states brings a compact frontier).
 * Every state judged is also held to the model's `sometimes` properties.
 */
import type { BfsExpansion, FoundViolation, Frontier, StateSink } from "./bfs-expansion.js";
import type { Fingerprint64 } from "./hash64.js";
import { judge, type SearchModel, type Verdict } from "./search-model.js";
import { Witness } from "./sometimes-witness.js";
import { VisitedSetFull } from "./visited-set.js";

/** Rough bytes per kept state (a pointer and an index), for the progress line only. */
const rowBytes = 16;

class ArrayFrontier<S> implements Frontier<S> {
  private readonly states: S[] = [];
  private readonly parents: number[] = [];
  private next = 0;
  push(state: S, index: number): void { this.states.push(state); this.parents.push(index); }
  pop(): { state: S; parent: number } | null {
    if (this.next >= this.states.length) return null;
    const i = this.next++;
    return { state: this.states[i] as S, parent: this.parents[i] as number };
  }
  get length(): number { return this.states.length; }
  get bytes(): number { return this.states.length * rowBytes; }
}

export class ModelExpansion<S, A> implements BfsExpansion<S> {
  transitions = 0;
  private readonly fp: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly witness = new Witness<S>();

  constructor(private readonly model: SearchModel<S, A>) {}

  root(): S { return this.canonical(this.model.initial()); }

  fingerprint(state: S): Fingerprint64 {
    const out = { hi: 0, lo: 0 };
    this.model.fingerprint(state, out);
    return out;
  }

  check(state: S): Verdict | null {
    this.witness.check(this.model, state);
    return judge(this.model, state);
  }

  expand(state: S, parent: number, sink: StateSink, onNew: (successor: S, index: number) => string | null):
    FoundViolation | string | null {
    const actions = this.model.actions(state);
    for (let i = 0; i < actions.length; i++) {
      this.transitions++;
      const action = actions[i] as A;
      const raw = this.model.successor(state, action);
      const stepBad = this.model.transitionCheck?.(state, action, raw) ?? null;
      if (stepBad !== null) return { ...stepBad, index: parent, action: i };
      const successor = this.canonical(raw);
      this.model.fingerprint(successor, this.fp);
      let index: number;
      try {
        index = sink.add(this.fp.hi, this.fp.lo, parent, i);
      } catch (e) {
        if (e instanceof VisitedSetFull) return "memory";
        throw e;
      }
      if (index < 0) continue;
      const bad = this.check(successor);
      if (bad !== null) return { ...bad, index, action: null };
      const stop = onNew(successor, index);
      if (stop !== null) return stop;
    }
    return null;
  }

  reached(): readonly string[] { return this.witness.reached; }

  newFrontier(): Frontier<S> { return new ArrayFrontier<S>(); }

  private canonical(state: S): S { return this.model.canonical?.(state) ?? state; }
}
