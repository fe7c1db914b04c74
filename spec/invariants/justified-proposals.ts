import { prePrepareProblem } from "./justify-rules.js";
import { justifiedAlways } from "./justified.js";

/**
 * I10e accepted proposals and the commit flag's authority: every PRE-PREPARE an honest
 * participant logged — whatever its phase — is validly signed by its view's leader, its
 * digest matches its body, its request is the client's, and a commit flag carries the
 * coordinator's authority (DESIGN.md §3 and impl/core/flag-authority.ts's rule, re-stated
 * in justify-rules.ts): its own signature in a view it leads, else its signed Request or
 * PRE-PREPARE flagging that txn commit. A txn decided commit was so proposed, so this
 * fires where an unauthorised commit is accepted, before anyone executes it.
 */
export const justifiedProposals = justifiedAlways("I10e", "justified proposals and flag authority", (p, judge) => {
  for (const slot of p.slots) {
    if (slot.prePrepare === null) continue;
    const problem = prePrepareProblem(slot.prePrepare, judge);
    if (problem !== null) return `accepted ${problem}`;
  }
  return null;
});
