import { always } from "../global-view.js";

/**
 * I5: no honest node is ever in an honest node's proven-faulty set. Its stronger half
 * needs the proof itself, which no state keeps: every proof an honest node reports
 * verifies (verifyEvidence) and names a node faulty in that world, a transition check
 * (checker/model/transition-checks.ts, checkReport).
 * (I6 is a transition check, checker/model/transition-checks.ts: an honest node that receives what, with what
 * it holds or by itself, proves its signer faulty — conflicting votes, PRE-PREPAREs, CHECKPOINTs,
 * confirmations, VIEW-CHANGEs or NEW-VIEWs for one slot or view, a PRE-PREPARE contradicting the signer's
 * own installed NEW-VIEW, a PRE-PREPARE or NEW-VIEW signed by a non-leader, an underivable NEW-VIEW —
 * must hold proof against that signer afterwards.)
 */
export const detectionAccuracy = always("I5", "detection accuracy", (g) => {
  for (const { by, proven } of g.provenBy) {
    const wrongly = proven & g.honestMask;
    if (wrongly !== 0) return `node ${by} holds proof against honest node(s) ${wrongly.toString(2)} (bitmask)`;
  }
  return null;
});
