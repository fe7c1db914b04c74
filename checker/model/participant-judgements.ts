/**
 * Judging a global view with per-participant work done once per participant state.
 * Most invariants judge each participant on its own (spec/global-view.ts:
 * `Invariant.participant`): its replayed sequential model (I8, S8), its justified
 * facts (I10). A BFS meets a few thousand distinct participant states across
 * hundreds of thousands of global states, and node states are shared objects
 * (step-memo.ts hash-conses them, world-codec.ts interns them), so the projection of
 * a participant and its per-participant verdicts are memoized per state object.
 *
 * Why it is sound: a participant's view and its `participant` verdicts are functions
 * of its state and of the run's constants (the facts, built once per context), so a
 * memoized value is the value a fresh computation gives. Equal states that are
 * different objects are merely judged twice. The verdicts are read in the order the
 * plain `check` reads them (invariant order, then participant order), so the first
 * violation and its message are the same.
 *
 * `summary` folds a participant state's verdicts into one clean bit and a mask of the
 * witnesses it reaches, judged against the run's constants alone (the contract of
 * `Invariant.participant`), so a driver can tell that a world needs no per-participant
 * judgement without building its global view.
 */
import type { GlobalView, Invariant, ParticipantView } from "../../spec/global-view.js";
import { asSeq } from "../../spec/ids.js";
import type { ParticipantState } from "../../impl/core/participant-state.js";
import type { CheckContext } from "./context.js";
import { globalViewOf, participantView, viewFacts, type ViewFacts } from "./global-view-adapter.js";
import type { World } from "./world.js";

/** Not yet judged (a verdict is a message or null). */
const unjudged = undefined;

/** A participant state's verdicts at a glance: `clean` when every `always` holds, `reached` one bit per `sometimes`. */
export interface ParticipantSummary {
  readonly clean: boolean;
  readonly reached: number;
}

export class ParticipantJudgements {
  /** The `sometimes` with a participant part, in the order of `summary`'s bits. */
  readonly sometimesEach: readonly Invariant[];
  private readonly facts: ViewFacts;
  /** The run's constants as a view with no node in it: all a participant part may read beside its participant. */
  private readonly constants: GlobalView;
  private readonly summaries = new WeakMap<ParticipantState, ParticipantSummary>();
  private readonly views = new WeakMap<ParticipantState, ParticipantView>();
  /** Per participant view: the verdict of each invariant with a `participant` part, by its index in `indexOf`. */
  private readonly verdicts = new WeakMap<ParticipantView, (string | null | undefined)[]>();
  private readonly indexOf = new Map<Invariant, number>();
  private readonly viewOf = (p: ParticipantState, facts: ViewFacts): ParticipantView => {
    let view = this.views.get(p);
    if (view === undefined) { view = participantView(p, facts); this.views.set(p, view); }
    return view;
  };

  constructor(ctx: CheckContext, invariants: readonly Invariant[]) {
    this.facts = viewFacts(ctx);
    for (const inv of invariants) if (inv.participant !== undefined) this.indexOf.set(inv, this.indexOf.size);
    this.sometimesEach = invariants.filter((inv) => inv.participant !== undefined && inv.kind === "sometimes");
    const f = this.facts;
    this.constants = {
      n: f.n, f: f.f, windowSize: f.windowSize, participants: [], honestMask: 0, provenBy: [],
      coordinatorHonest: f.coordinatorHonest, replies: [], confirmations: [], coordinatorLowWatermark: asSeq(0),
      submitted: f.submitted, viewChanged: false, ...(f.judge === undefined ? {} : { judge: f.judge }),
    };
  }

  /** The participant's own verdicts folded (see the header), computed once per state object. */
  summary(p: ParticipantState): ParticipantSummary {
    let summary = this.summaries.get(p);
    if (summary !== undefined) return summary;
    const view = this.viewOf(p, this.facts);
    let clean = true;
    let reached = 0;
    for (const [inv, index] of this.indexOf) {
      const verdict = this.verdictOf(inv, index, view, this.constants);
      if (inv.kind === "always") clean &&= verdict === null;
      else if (verdict === null) reached |= 1 << this.sometimesEach.indexOf(inv);
    }
    summary = { clean, reached };
    this.summaries.set(p, summary);
    return summary;
  }

  /** The projection of a participant state, shared with every view of this run. */
  participant(p: ParticipantState): ParticipantView { return this.viewOf(p, this.facts); }

  /** The world's global view, its participants' projections shared with every other view of this run. */
  view(world: World): GlobalView { return globalViewOf(world.nodes, this.facts, this.viewOf); }

  /** What `inv.check(g)` returns, its per-participant verdicts memoized; `g` comes from `view`. */
  check(inv: Invariant, g: GlobalView): string | null {
    const index = this.indexOf.get(inv);
    if (inv.participant === undefined || index === undefined) return inv.check(g);
    const reachedByAny = inv.kind === "sometimes";
    for (const p of g.participants) {
      const verdict = this.verdictOf(inv, index, p, g);
      // An `always` fails at its first participant's message; a `sometimes` holds once any participant reaches it.
      if (reachedByAny ? verdict === null : verdict !== null) return verdict;
    }
    return reachedByAny ? "not reached" : null;
  }

  /** The memoized verdict of `inv` (which has a participant part, index `index`) on `p`. */
  private verdictOf(inv: Invariant, index: number, p: ParticipantView, g: GlobalView): string | null {
    let row = this.verdicts.get(p);
    if (row === undefined) { row = []; this.verdicts.set(p, row); }
    let verdict = row[index];
    if (verdict === unjudged) {
      verdict = (inv.participant as NonNullable<Invariant["participant"]>)(p, g);
      row[index] = verdict;
    }
    return verdict;
  }
}
