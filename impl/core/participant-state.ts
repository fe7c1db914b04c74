/**
 * A participant's state. Every field is readonly and every update returns a new
 * object, so the checker can keep, hash and compare states (DESIGN.md §2).
 *
 * Own votes are not stored as signed messages (the core never signs): a slot's
 * `phase` says which votes this participant sent, and a certificate it forwards
 * is completed by its own signature on the carrying message (PBFT §4.4).
 *
 * Messages a node must hold in signed form although it sent them itself (a
 * leader's PRE-PREPAREs, a leader's own VIEW-CHANGE, every CHECKPOINT) reach it
 * through a send to itself, like a multicast that includes the sender.
 */
import type {
  Checkpoint, Commit, Confirm, NewView, NodeId, PreparedCertificate, Prepare, PrePrepare, Proposal, ReplicaData, Seq,
  Signed, Txn,
  View, ViewChange,
} from "../../spec/messages.js";
import type { NodeSet } from "./quorum.js";
import { emptyReplica } from "./replica.js";
import type { Output } from "./types.js";
import { asSeq, asView } from "../../spec/ids.js";

/** What this participant has done for a slot of the view whose log it holds. */
export type SlotPhase =
  | "idle"          // votes may be logged, no pre-prepare accepted yet
  | "learned"       // accepted the pre-prepare during a view change: sent nothing for it
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
  /**
   * The confirmation sent when this slot executed, one for its whole batch (spec/batch.ts): resent
   * verbatim, never recomputed from a later replica.
   */
  readonly confirmation: Confirm | null;
}

export type ParticipantStatus = "normal" | "view-change";

/** The replica as it was right after executing `seq`: what a state transfer hands out (PBFT §4.3). */
export interface Snapshot {
  readonly seq: Seq;
  readonly replica: ReplicaData;
}

export interface ParticipantState {
  readonly role: "participant";
  readonly id: NodeId;
  /** The current view, or in status view-change the view this participant asked for. */
  readonly view: View;
  readonly status: ParticipantStatus;
  /** h: the last stable checkpoint; seqs in (h, h + W] may be in flight (PBFT §4.2). */
  readonly lowWatermark: Seq;
  readonly lastExecuted: Seq;
  /**
   * Slots of the installed view above the low watermark, sorted by seq (kept during a view change, see
   * participant-normal.ts).
   */
  readonly slots: readonly SlotState[];
  /** PBFT §4.4's P set: per seq above h, the certificate of the highest view this participant prepared in. */
  readonly prepared: readonly PreparedCertificate[];
  /** Client requests seen in pre-prepares and not yet executed: carried in view-changes (presumed abort). */
  readonly pending: readonly Signed<Txn>[];
  readonly replica: ReplicaData;
  /**
   * The newest CHECKPOINTs of each participant (own included) above the low watermark (checkpoint-log.ts), sorted
   * by (signer, seq).
   */
  readonly checkpoints: readonly Signed<Checkpoint>[];
  /** The proof (Q signed digests) of the last stable checkpoint; empty while it is the initial state. */
  readonly stableProof: readonly Signed<Checkpoint>[];
  /** Own replica at each own checkpoint at or above the low watermark, sorted by seq. */
  readonly snapshots: readonly Snapshot[];
  /** In status view-change: the VIEW-CHANGE this participant sent for `view`, resent verbatim. */
  readonly viewChange: ViewChange | null;
  /** The latest valid VIEW-CHANGE of each participant for a view at or above the installed one, sorted by signer. */
  readonly viewChanges: readonly Signed<ViewChange>[];
  /** The NEW-VIEW that started the last view this participant installed (null in view 0). */
  readonly newView: NewView | null;
  /**
   * That NEW-VIEW as its leader signed it (absent in view 0 and at the leader itself): proof
   * against the leader when it later signs another NEW-VIEW or a PRE-PREPARE that contradicts it.
   * Absent rather than null so that states without one encode (and fingerprint) as before.
   */
  readonly newViewSigned?: Signed<NewView>;
  /** As that view's leader: the pre-prepares it proposed after its NEW-VIEW's, by seq (never two for one seq). */
  readonly proposals: readonly PrePrepare[];
  /**
   * As that view's leader with batches (spec/batch.ts): relayed requests it gathers for its next batch while one
   * of its batches is still executing (participant-lead.ts). Absent, never empty, so states without batches
   * encode (and fingerprint) as before.
   */
  readonly held?: readonly Proposal[];
  /** Nodes this participant holds transferable proof against: isolated, never counted. */
  readonly proven: NodeSet;
  /** Per requester, sorted: the stable checkpoint whose state this participant last sent it (state-transfer.ts). */
  readonly stateServed: readonly { readonly to: NodeId; readonly seq: Seq }[];
  /**
   * The installed view in which this participant last executed a seq it had not executed before (by executing
   * it or by adopting a state above it): a view installed since, in which it has executed nothing new yet, gets a
   * doubled view-change timeout (participant-timers.ts). Absent while 0, so states of view 0 encode (and
   * fingerprint) as before.
   */
  readonly progressView?: View;
}

export interface ParticipantResult { readonly state: ParticipantState; readonly out: Output[] }

export const unchanged = (state: ParticipantState, out: Output[] = []): ParticipantResult => ({ state, out });

export function emptySlot(seq: Seq, n: number): SlotState {
  const none = new Array<null>(n).fill(null);
  return { seq, phase: "idle", prePrepare: null, prepares: none, commits: none, confirmation: null };
}

export function initialParticipant(id: NodeId): ParticipantState {
  return {
    role: "participant", id, view: asView(0), status: "normal", lowWatermark: asSeq(0), lastExecuted: asSeq(0),
    slots: [], prepared: [], pending: [], replica: emptyReplica, checkpoints: [], stableProof: [],
    snapshots: [], viewChange: null, viewChanges: [], newView: null, proposals: [], proven: 0, stateServed: [],
  };
}

/** The view whose log `slots` holds, and whose NEW-VIEW this participant follows. */
export const installedView = (state: ParticipantState): View => state.newView?.view ?? asView(0);

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

/** Replaces `signer`'s entry of a list of signed messages sorted by signer (one per signer). */
export function withLatest<M>(list: readonly Signed<M>[], m: Signed<M>): Signed<M>[] {
  return [...list.filter((x) => x.signer !== m.signer), m].sort((a, b) => a.signer - b.signer);
}

/** Adds requests to a set kept sorted by txn id: equal sets must be equal values, whatever the arrival order. */
export function withRequests(
  pending: readonly Signed<Txn>[], requests: readonly Signed<Txn>[],
): readonly Signed<Txn>[] {
  const fresh = requests.filter((r, i) => !pending.some((p) => p.body.id === r.body.id) &&
    requests.findIndex((x) => x.body.id === r.body.id) === i);
  if (fresh.length === 0) return pending;
  return [...pending, ...fresh].sort((a, b) => (a.body.id < b.body.id ? -1 : a.body.id > b.body.id ? 1 : 0));
}
