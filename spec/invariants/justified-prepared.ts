import { judged } from "../held-state.js";
import { certificateProblem, slotCertificateProblem } from "./justify-rules.js";
import { justifiedAlways } from "./justified.js";

/**
 * I10a prepared certificates: every slot an honest participant holds as prepared, and
 * every certificate of its P set (what it would carry into a VIEW-CHANGE), is a
 * PRE-PREPARE validly signed by its view's leader whose digest matches its body, and
 * Q-1 (2f for n = 3f+1) valid matching PREPAREs from distinct other participants.
 * Only phase `prepared` is judged in the log: committed and executed slots may have been
 * learned without a certificate (participant-normal.ts), and the phase is not kept.
 */
export const justifiedPrepared = justifiedAlways("I10a", "justified prepared certificates", (p, judge) => {
  for (const slot of p.slots) {
    if (slot.phase !== "prepared") continue;
    const problem = slotCertificateProblem(slot, p.id, judge);
    if (problem !== null) return `holds s${slot.seq} as prepared: ${problem}`;
  }
  for (const cert of p.prepared) {
    const problem = judged(judge, cert, () => certificateProblem(cert, p.id, judge));
    if (problem !== null) return `would carry an unsound ${problem}`;
  }
  return null;
});
