/**
 * The world before any action: the client has submitted every txn to the coordinator (but those it holds back
 * for late submission, late-submits.ts). With batches of two or
 * more (spec/batch.ts) all but the last submission say more follow, so the coordinator proposes them in full
 * batches and the rest as one partial batch, as impl/net's batch delay would.
 */
import { initialState } from "../../impl/core/step.js";
import type { NodeState } from "../../impl/core/types.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import { noBudgetsUsed, type World } from "./world.js";
import { asNodeId } from "../../spec/ids.js";
import { clientAction, submittedAtStart } from "./late-submits.js";

export function initialWorld(ctx: CheckContext): World {
  const world = emptyWorld(ctx);
  if (!ctx.coordinatorStepped) return world; // a Byzantine coordinator's proposals are adversary moves
  // The txns held back for late submission (late-submits.ts) are actions; the initial ones are no budget.
  let submitted = world;
  for (let i = 0; i < submittedAtStart(ctx.config); i++) {
    const action = clientAction(ctx, i);
    if (action !== null) submitted = apply(submitted, action, ctx).world;
  }
  return submitted === world ? world : { ...submitted, used: noBudgetsUsed };
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
