/**
 * I10b committed slots, judged on the transition: a slot an honest participant turns
 * committed-local or executed in a step holds its leader's sound PRE-PREPARE and Q
 * matching COMMITs from distinct participants — Q-1 valid signed ones from the others
 * (its own counts only if it sent one, which the phase no longer says). A transition,
 * not a state invariant, because a restart keeps a committed slot but not the COMMITs
 * that made it (impl/core/durable.ts): only the step that commits still shows them.
 */
import type { HeldParticipant, HeldPhase, Judge } from "../held-state.js";
import { prePrepareProblem, votesProblem } from "../invariants/justify-rules.js";

const done = (phase: HeldPhase | undefined): boolean => phase === "committed" || phase === "executed";

export function newlyCommittedProblem(before: HeldParticipant, after: HeldParticipant, judge: Judge): string | null {
  if (after.slots === before.slots) return null;
  for (const slot of after.slots) {
    if (!done(slot.phase)) continue;
    const was = before.slots.find((s) => s.seq === slot.seq);
    if (done(was?.phase) && was?.prePrepare === slot.prePrepare) continue;
    const pp = slot.prePrepare;
    const problem = pp === null ? "without a pre-prepare"
      : prePrepareProblem(pp, judge) ?? votesProblem("COMMIT", slot.commits, pp.body, after.id, judge);
    if (problem !== null) return `P${after.id} turned s${slot.seq} ${slot.phase}: ${problem}`;
  }
  return null;
}
