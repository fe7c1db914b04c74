/**
 * Late submissions (`--late-submits N`, the budget `submits`): the client holds back its last N txns and submits
 * each, in order, at a step the adversary chooses. Without them every txn reaches the coordinator before the first
 * step, so no search sees a txn that arrives after its seq window passed, after a crash-restart or in a later view:
 * knowing every request in advance can only hide violations.
 *
 * A late submission is the same `client` action the initial world applies (transition.ts counts each in
 * `used.submits`); the healed phase submits whatever is still held back before anything else, so liveness owes
 * every txn as before.
 */
import { batchSizeOf } from "../../spec/batch.js";
import type { Outcome, Signed, Txn } from "../../spec/messages.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

/**
 * The client's submission: applied when the world is built, and enumerated only for the txns held back for late
 * submission, one at a time in order. `hold`: more follow at once, so the coordinator proposes full batches only
 * (the core's Submit; present only with batches of two or more). Defined here, not in actions.ts, so that this
 * file needs nothing from actions.ts (which enumerates it): no import cycle.
 */
export interface ClientSubmit {
  readonly kind: "client";
  readonly request: Signed<Txn>;
  readonly flag: Outcome;
  readonly hold?: true;
}

/** How many txns the client submits before the first step. */
export const submittedAtStart = (config: CheckConfig): number => config.txns.length - (config.budgets.submits ?? 0);

/**
 * The client's submission of txn `i`. `hold`: with batches of two or more, an initial submission that more follow
 * at once (the coordinator proposes full batches only); a late one never holds, it is the last the client has sent.
 */
export function clientAction(ctx: CheckContext, i: number): ClientSubmit | null {
  const request = ctx.requests[i];
  const flag = ctx.config.txns[i]?.flag;
  if (request === undefined || flag === undefined) return null;
  const hold = batchSizeOf(ctx.config.protocol) > 1 && i < submittedAtStart(ctx.config) - 1;
  return { kind: "client", request, flag, ...(hold ? { hold: true as const } : {}) };
}

/** The next held-back txn's submission, or null when none is left (or the coordinator no longer runs). */
export function nextLateSubmit(world: World, ctx: CheckContext): ClientSubmit | null {
  const late = ctx.config.budgets.submits ?? 0;
  const used = world.used.submits ?? 0;
  if (used >= late || !ctx.coordinatorStepped || world.silenced) return null;
  return clientAction(ctx, submittedAtStart(ctx.config) + used);
}
