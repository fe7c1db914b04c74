/**
 * The checks on a PRE-PREPARE's batch that every reader runs (participant-normal.ts on receipt,
 * certificate.ts in a VIEW-CHANGE, evidence-impossible.ts when re-checking proof): each txn of the
 * batch signed by the client, and the batch in the one shape an honest leader sends (spec/batch.ts).
 * Objective, like the rest of the checks: signatures and the config only.
 */
import type { PrePrepare } from "../../spec/messages.js";
import { batchOf, batchShapeProblem } from "../../spec/batch.js";
import { clientId } from "../../spec/config.js";
import type { Env } from "./types.js";

/** Whether every request of `p`'s batch is validly signed by the client (a null request has none). */
export function clientSignedBatch(p: PrePrepare, env: Env): boolean {
  return batchOf(p).every(({ request }) => request.signer === clientId(env.config) && env.verify(request));
}

/** Why `p`'s batch has a shape no honest leader sends, or null (spec/batch.ts). */
export function batchProblem(p: PrePrepare, env: Env): string | null {
  return batchShapeProblem(p, env.config);
}
