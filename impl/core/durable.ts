/**
 * What survives a crash (DESIGN.md §6: volatile state lost, persisted state kept).
 * A node writes its durable part before any message of a step leaves (the Persist
 * output), so after a restart it never signs something that contradicts what it
 * signed before: same view and status, the same own VIEW-CHANGE and NEW-VIEW, the
 * same pre-prepare per slot (so the same PREPARE and COMMIT), the same replica and
 * decisions (so the same CHECKPOINTs and confirmations).
 *
 * Kept: view, status, own VIEW-CHANGE, installed NEW-VIEW, a leader's own proposals,
 * the phase and pre-prepare of every slot, the PREPAREs that make a slot's
 * certificate once prepared (losing them would lose a prepared txn in the next view
 * change, PBFT §4.4), the P set, pending requests, the replica, its snapshots and the
 * last executed seq, the stable checkpoint and its proof, own CHECKPOINTs, and the
 * proven set.
 * Lost: the other participants' votes that make no certificate yet, their
 * CHECKPOINTs and VIEW-CHANGEs; their senders resend them.
 */
import type { CoordinatorState } from "./coordinator-state.js";
import type { ParticipantState, SlotState } from "./participant-state.js";
import type { NodeState } from "./types.js";

function durableSlot(slot: SlotState): SlotState[] {
  if (slot.prePrepare === null) return []; // only others' votes: nothing of its own
  const none = slot.commits.map(() => null);
  const certified = slot.phase === "prepared" || slot.phase === "committed" || slot.phase === "executed";
  return [{ ...slot, prepares: certified ? slot.prepares : none, commits: none }];
}

function durableParticipant(state: ParticipantState): ParticipantState {
  return {
    ...state,
    slots: state.slots.flatMap(durableSlot),
    checkpoints: state.checkpoints.filter((c) => c.signer === state.id),
    viewChanges: state.viewChanges.filter((vc) => vc.signer === state.id),
  };
}

/**
 * The coordinator keeps its proposals (never two for one seq), view, NEW-VIEW, queue, confirmations and
 * replies; it loses the participants' checkpoints and view-changes, which come again.
 */
function durableCoordinator(state: CoordinatorState): CoordinatorState {
  return { ...state, checkpoints: [], viewChanges: [] };
}

export function durablePart(state: NodeState): NodeState {
  return state.role === "participant" ? durableParticipant(state) : durableCoordinator(state);
}
