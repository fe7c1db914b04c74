import { alwaysEach } from "../global-view.js";

/**
 * Bounded log (PBFT §4.2's watermarks, DESIGN.md §3): an honest participant holds
 * pre-prepares only for seqs up to its high watermark h + W. This is what keeps a
 * faulty leader from exhausting the seq space with one huge seq or making honest
 * replicas log without bound: the log between two checkpoints has at most W slots, and it holds no
 * prepared certificate and no replica snapshot below h.
 */
export const boundedLog = alwaysEach("I3w", "bounded log", (p, g) => {
  const high = p.lowWatermark + g.windowSize;
  // The prepared certificates its VIEW-CHANGEs carry are log too: those below h are collected when the window
  // moves, or they grow with every checkpoint. The one at h itself may wait for the next move (it is never used:
  // a NEW-VIEW starts above the highest carried checkpoint), so only a certificate below h breaks the bound.
  if (p.lowestPrepared !== undefined && p.lowestPrepared < p.lowWatermark) {
    return `P${p.id} holds a prepared certificate for seq ${p.lowestPrepared} below its low watermark ` +
      `${p.lowWatermark}`;
  }
  // So are the snapshots it keeps to hand a laggard: the one at h is what it serves, and those below h, kept past
  // the window move, would grow with every checkpoint (a whole replica each).
  if (p.lowestSnapshot !== undefined && p.lowestSnapshot < p.lowWatermark) {
    return `P${p.id} holds a snapshot for seq ${p.lowestSnapshot} below its low watermark ${p.lowWatermark}`;
  }
  if (p.highestPrePrepared <= high) return null;
  return `P${p.id} holds a pre-prepare for seq ${p.highestPrePrepared} above its high watermark ${high} ` +
    `(h=${p.lowWatermark}, W=${g.windowSize})`;
});
