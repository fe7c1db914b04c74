/**
 * The justification family I10 (spec/invariants/justified-*.ts): every fact an honest
 * participant acts on is backed by the signed messages PBFT requires, judged by the
 * independent rules of justify-rules.ts. A state invariant over what each honest
 * participant retains (`ParticipantView.held`), so it fires at the step that accepted
 * the unjustified fact. Views without retained facts (hand-built ones) are not judged.
 */
import { alwaysEach, type GlobalView, type Invariant } from "../global-view.js";
import type { HeldParticipant, Judge } from "../held-state.js";

export function justifiedAlways(
  id: string, name: string, problemOf: (p: HeldParticipant, judge: Judge, g: GlobalView) => string | null,
): Invariant {
  return alwaysEach(id, name, (p, g) => {
    const judge = g.judge;
    if (judge === undefined || p.held === undefined) return null;
    const problem = problemOf(p.held, judge, g);
    return problem === null ? null : `P${p.id} ${problem}`;
  });
}
