/**
 * Execution (PBFT §4.2, "committed-local" then execute in seq order). Slots run
 * strictly one after another with no gaps, so every honest replica applies the
 * same txns in the same order and computes the same outcomes (I3, I4). A txn's
 * outcome is fixed by the first slot that carries its id; later ones are no-ops.
 * After each executed txn the participant sends the coordinator a confirmation.
 */
import type { Confirm, Seq } from "../../spec/messages.js";
import { assert } from "./assert.js";
import { findSlot, withSlot, type ParticipantState } from "./participant-state.js";
import { execute } from "./replica.js";
import type { Env, Output } from "./types.js";

export function executeReady(state: ParticipantState, env: Env): { readonly state: ParticipantState; readonly out: Output[] } {
  let current = state;
  const out: Output[] = [];
  for (;;) {
    const seq: Seq = current.lastExecuted + 1;
    const slot = findSlot(current, seq);
    if (slot === undefined || slot.phase !== "committed") break;
    const pp = slot.prePrepare;
    assert(pp !== null, "committed slot without a pre-prepare");
    const proposal = pp.body.proposal;
    const executedSlot = { ...slot, phase: "executed" as const };
    current = { ...withSlot(current, executedSlot), lastExecuted: seq };
    if (proposal === null) {
      out.push({ kind: "Decide", seq, txn: null, outcome: null });
      continue;
    }
    const txn = proposal.request.body;
    const result = execute(current.replica, txn, proposal.flag, seq, env.mutant === "reexecute-txn");
    current = { ...current, replica: result.replica, pending: current.pending.filter((r) => r.body.id !== txn.id) };
    if (result.outcome === null) {
      out.push({ kind: "Decide", seq, txn: null, outcome: null });
      continue;
    }
    out.push({ kind: "Decide", seq, txn: txn.id, outcome: result.outcome });
    const confirm: Confirm = { kind: "Confirm", seq, txn: txn.id, outcome: result.outcome, replicaDigest: env.digest(result.replica) };
    current = withSlot(current, { ...executedSlot, confirmation: confirm });
    out.push({ kind: "Send", to: env.config.participantCount, message: confirm });
  }
  return { state: current, out };
}
