/**
 * The view stage of a world, for swarm coverage search's cell picks (explore-coverage.ts):
 * the highest view an honest participant is in, and whether one of them has installed it
 * (status normal) or is still changing to it. Go-Explore picks its cells with weights from
 * domain knowledge (the level or room reached); here the stage plays that part.
 *
 * Why: the normal case of view 0 makes most of the archive (every interleaving of votes that
 * reaches a new slot phase is a cell), so a cell where a view change has just completed is one
 * in hundreds and, once it leaves the newest cells, is almost never picked again: the steps a
 * new leader takes in its view, where view-change bugs live, were then searched least. Picking
 * a stage first, uniformly, then a cell of it, gives each view reached as much attention as the
 * whole of view 0. It changes only which archived world an excursion starts from.
 */
import type { CheckContext } from "../model/context.js";
import type { World } from "../model/world.js";

export function viewStage(world: World, ctx: CheckContext): string {
  let view = 0;
  let installed = true;
  for (const id of ctx.honest) {
    const node = world.nodes[id];
    if (node === undefined || node.role !== "participant") continue;
    const normal = node.status === "normal";
    if (node.view > view) { view = node.view; installed = normal; }
    else if (node.view === view && normal) installed = true;
  }
  return `${view}${installed ? "n" : "v"}`;
}

/** Kept under its first name for the search folder: the grouping itself is the engine's. */
export { CellStages as StageIndex } from "../engine/cell-stages.js";
