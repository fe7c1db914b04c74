import { alwaysEach } from "../global-view.js";

/**
 * Bounded log (PBFT §4.2's watermarks, DESIGN.md §3): an honest participant holds
 * pre-prepares only for seqs up to its high watermark h + W. This is what keeps a
 * faulty leader from exhausting the seq space with one huge seq or making honest
 * replicas log without bound: the log between two checkpoints has at most W slots.
 */
export const boundedLog = alwaysEach("I3w", "bounded log", (p, g) => {
  const high = p.lowWatermark + g.windowSize;
  if (p.highestPrePrepared <= high) return null;
  return `P${p.id} holds a pre-prepare for seq ${p.highestPrePrepared} above its high watermark ${high} ` +
    `(h=${p.lowWatermark}, W=${g.windowSize})`;
});
