import { always } from "../global-view.js";

/**
 * I5: no honest node is ever in an honest node's proven-faulty set. Its stronger half
 * needs the proof itself, which no state keeps: every proof an honest node reports
 * verifies (verifyEvidence) and names a node faulty in that world, a report property
 * (reported-evidence.ts). I6 is a transition property (detection-completeness.ts).
 */
export const detectionAccuracy = always("I5", "detection accuracy", (g) => {
  for (const { by, proven } of g.provenBy) {
    const wrongly = proven & g.honestMask;
    if (wrongly !== 0) return `node ${by} holds proof against honest node(s) ${wrongly.toString(2)} (bitmask)`;
  }
  return null;
});
