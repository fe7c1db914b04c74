import { provenCheckpoint } from "./justify-rules.js";
import { justifiedAlways } from "./justified.js";

/**
 * I10c stable checkpoints: an honest participant's low watermark h is proven by the
 * proof it keeps — Q valid CHECKPOINTs for h with one state digest from distinct
 * participants (gathered, carried by a NEW-VIEW's VIEW-CHANGE, or by a state transfer),
 * or, at h = 0, none. Not memoized: one proof object could be kept while h moves.
 */
export const justifiedCheckpoint = justifiedAlways("I10c", "justified stable checkpoint", (p, judge) => {
  if (provenCheckpoint(p.lowWatermark, p.stableProof, judge) !== null) return null;
  const size = p.stableProof.length;
  return `moved its window to s${p.lowWatermark} on a proof of ${size} CHECKPOINTs that does not prove it`;
});
