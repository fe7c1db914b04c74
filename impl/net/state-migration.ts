/**
 * Node states written by earlier versions of the runtime, brought to the
 * current shape on load (node-state-store.ts), so an upgraded node restarts
 * on its data directory instead of failing on a missing field.
 *
 * - `awaiting` (coordinator; added with bounded confirmations): the txn ids
 *   submitted and not replied to. Rebuilt from what the old state still says
 *   was submitted: the queue and the proposals' requests, less the replies.
 * - `stateServed` (participant; added with once-per-checkpoint state replies):
 *   whom it last sent state to. Empty: at worst it serves one requester the
 *   same checkpoint once more.
 *
 * - `progressView` (participant; added with the view-change backoff) needs no
 *   default: it is optional, and absent means view 0, so a restored participant
 *   waits 2T in its installed view until it executes something new there.
 *
 * Each default is applied only when the field is absent; a present field is
 * never rewritten.
 */
import type { CoordinatorState } from "../core/coordinator-state.js";
import type { ParticipantState } from "../core/participant-state.js";
import type { NodeState } from "../core/types.js";
import { batchTxnIds } from "../../spec/batch.js";

/** A state as an older version may have written it: the fields added since may be missing. */
export type StoredState =
  | (Omit<CoordinatorState, "awaiting"> & { readonly awaiting?: CoordinatorState["awaiting"] })
  | (Omit<ParticipantState, "stateServed"> & { readonly stateServed?: ParticipantState["stateServed"] });

export function migrateState(stored: StoredState): NodeState {
  if (stored.role === "participant") {
    return stored.stateServed === undefined ? { ...stored, stateServed: [] } : stored as ParticipantState;
  }
  if (stored.awaiting !== undefined) return stored as CoordinatorState;
  const replied = new Set(stored.replies.map((reply) => reply.txn));
  const submitted = [
    ...stored.queue.map((submission) => submission.request.body.id),
    ...stored.proposals.flatMap((prePrepare) => batchTxnIds(prePrepare)),
  ];
  const awaiting = [...new Set(submitted)].filter((id) => !replied.has(id))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...stored, awaiting };
}
