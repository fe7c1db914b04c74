/**
 * The world before any action: the client has submitted every txn to the coordinator. With batches of two or
 * more (spec/batch.ts) all but the last submission say more follow, so the coordinator proposes them in full
 * batches and the rest as one partial batch, as impl/net's batch delay would.
 */
import { initialState } from "../../impl/core/step.js";
import type { NodeState } from "../../impl/core/types.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import { noBudgetsUsed, type World } from "./world.js";
import { asNodeId } from "../../spec/ids.js";
import { batchSizeOf } from "../../spec/batch.js";

export function initialWorld(ctx: CheckContext): World {
  let world = emptyWorld(ctx);
  if (!ctx.coordinatorStepped) return world; // a Byzantine coordinator's proposals are adversary moves
  for (let i = 0; i < ctx.requests.length; i++) {
    const request = ctx.requests[i];
    const flag = ctx.config.txns[i]?.flag;
    if (request === undefined || flag === undefined) continue;
    const hold = batchSizeOf(ctx.config.protocol) > 1 && i < ctx.requests.length - 1;
    world = submit(world, ctx, request, flag, hold);
  }
  return world;
}

/** The world before the client submits anything (the simulator submits on its own schedule). */
export function emptyWorld(ctx: CheckContext): World {
  const count = ctx.config.n + 1;
  const nodes: NodeState[] = Array.from({ length: count }, (_, id) => initialState(asNodeId(id), ctx.config.protocol));
  return {
    nodes, inFlight: [], timers: new Array<number>(count).fill(0), used: noBudgetsUsed, isolated: -1, knowledge: [],
    persisted: new Array<NodeState | null>(count).fill(null), silenced: false,
  };
}

function submit(
  world: World, ctx: CheckContext, request: CheckContext["requests"][number], flag: "commit" | "abort", hold: boolean,
): World {
  return apply(world, { kind: "client", request, flag, ...(hold ? { hold: true as const } : {}) }, ctx).world;
}
