/**
 * A participant's state. Every field is readonly and every update returns a new
 * object, so the checker can keep, hash and compare states (DESIGN.md §2).
 *
 * Own votes are not stored as signed messages (the core never signs): a slot's
 * `phase` says which votes this participant sent, and a certificate it forwards
 * is completed by its own signature on the carrying message (PBFT §4.4).
 */
import type {
  Checkpoint, Commit, Confirm, NodeId, PreparedCertificate, Prepare, PrePrepare, ReplicaData, Seq, Signed, Txn, View,
} from "../../spec/messages.js";
import type { NodeSet } from "./quorum.js";
import { emptyReplica } from "./replica.js";

/** What this participant has done for a slot in the current view. */
export type SlotPhase =
  | "idle"          // votes may be logged, no pre-prepare accepted yet
  | "pre-prepared"  // accepted the pre-prepare, sent PREPARE
  | "prepared"      // holds a prepared certificate, sent COMMIT
  | "committed"     // committed-local: Q matching COMMITs, waiting for its turn to execute
  | "executed";

export interface SlotState {
  readonly seq: Seq;
  readonly phase: SlotPhase;
  readonly prePrepare: Signed<PrePrepare> | null;
  /** The first PREPARE / COMMIT of each other participant for (view, seq); index = signer. */
  readonly prepares: readonly (Signed<Prepare> | null)[];
  readonly commits: readonly (Signed<Commit> | null)[];
  /** The confirmation sent when this slot executed: resent verbatim, never recomputed from a later replica. */
  readonly confirmation: Confirm | null;
}

export type ParticipantStatus = "normal" | "view-change";

export interface ParticipantState {
  readonly role: "participant";
  readonly id: NodeId;
  readonly view: View;
  readonly status: ParticipantStatus;
  /** h: the last stable checkpoint; seqs in (h, h + W] may be in flight (PBFT §4.2). */
  readonly lowWatermark: Seq;
  readonly lastExecuted: Seq;
  /** Slots of the current view above the low watermark, sorted by seq. */
  readonly slots: readonly SlotState[];
  /** Certificates this participant prepared in earlier views, kept for view changes (PBFT §4.4's P set). */
  readonly prepared: readonly PreparedCertificate[];
  /** Client requests seen in pre-prepares and not yet executed: carried in view-changes (presumed abort). */
  readonly pending: readonly Signed<Txn>[];
  readonly replica: ReplicaData;
  /** Signed CHECKPOINTs by seq, first per signer, for seqs above the low watermark. */
  readonly checkpoints: readonly (Signed<Checkpoint>)[];
  /** The proof (Q signed digests) of the last stable checkpoint. */
  readonly stableProof: readonly Signed<Checkpoint>[];
  /** Nodes this participant holds transferable proof against: isolated, never counted. */
  readonly proven: NodeSet;
}

export function emptySlot(seq: Seq, n: number): SlotState {
  const none = new Array<null>(n).fill(null);
  return { seq, phase: "idle", prePrepare: null, prepares: none, commits: none, confirmation: null };
}

export function initialParticipant(id: NodeId): ParticipantState {
  return {
    role: "participant", id, view: 0, status: "normal", lowWatermark: 0, lastExecuted: 0,
    slots: [], prepared: [], pending: [], replica: emptyReplica, checkpoints: [], stableProof: [], proven: 0,
  };
}

export function findSlot(state: ParticipantState, seq: Seq): SlotState | undefined {
  return state.slots.find((s) => s.seq === seq);
}

/** Replaces (or inserts, keeping seq order) one slot. */
export function withSlot(state: ParticipantState, slot: SlotState): ParticipantState {
  // A plain loop: this runs on every vote, in the checker's hot path.
  const old = state.slots;
  let i = 0;
  while (i < old.length && (old[i] as SlotState).seq < slot.seq) i++;
  const replace = i < old.length && (old[i] as SlotState).seq === slot.seq;
  const slots: SlotState[] = new Array<SlotState>(replace ? old.length : old.length + 1);
  for (let k = 0; k < i; k++) slots[k] = old[k] as SlotState;
  slots[i] = slot;
  for (let k = replace ? i + 1 : i; k < old.length; k++) slots[replace ? k : k + 1] = old[k] as SlotState;
  return { ...state, slots };
}

export function withVote<T>(votes: readonly (T | null)[], signer: NodeId, vote: T): readonly (T | null)[] {
  const copy = votes.slice();
  copy[signer] = vote;
  return copy;
}
