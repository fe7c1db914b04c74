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
 */
import type { GlobalView, Invariant, ParticipantView } from "../../spec/global-view.js";
import type { ParticipantState } from "../../impl/core/participant-state.js";
import type { CheckContext } from "./context.js";
import { globalViewOf, participantView, viewFacts, type ViewFacts } from "./global-view-adapter.js";
import type { World } from "./world.js";

/** Not yet judged (a verdict is a message or null). */
const unjudged = undefined;

export class ParticipantJudgements {
  private readonly facts: ViewFacts;
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
  }

  /** The world's global view, its participants' projections shared with every other view of this run. */
  view(world: World): GlobalView { return globalViewOf(world.nodes, this.facts, this.viewOf); }

  /** What `inv.check(g)` returns, its per-participant verdicts memoized; `g` comes from `view`. */
  check(inv: Invariant, g: GlobalView): string | null {
    const participant = inv.participant;
    const index = this.indexOf.get(inv);
    if (participant === undefined || index === undefined) return inv.check(g);
    const reachedByAny = inv.kind === "sometimes";
    for (const p of g.participants) {
      let row = this.verdicts.get(p);
      if (row === undefined) { row = []; this.verdicts.set(p, row); }
      let verdict = row[index];
      if (verdict === unjudged) { verdict = participant(p, g); row[index] = verdict; }
      // An `always` fails at its first participant's message; a `sometimes` holds once any participant reaches it.
      if (reachedByAny ? verdict === null : verdict !== null) return verdict;
    }
    return reachedByAny ? "not reached" : null;
  }
}
