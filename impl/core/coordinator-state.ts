/**
 * The coordinator: the client's entry point and the leader of views 0, n+1, 2(n+1)...
 * It is not a participant — it holds no replica and casts no vote — so certificates
 * count participants only (issue: Q PREPAREs from distinct participants, not 2f).
 */
import type {
  Checkpoint, Confirm, NewView, NodeId, Outcome, PrePrepare, Seq, Signed, Txn, View, ViewChange,
} from "../../spec/messages.js";
import type { NodeSet } from "./quorum.js";
import { asSeq, asView } from "../../spec/ids.js";

export interface Submission { readonly request: Signed<Txn>; readonly flag: Outcome }

export interface CoordinatorState {
  readonly role: "coordinator";
  readonly id: NodeId;
  /** The latest view this coordinator knows started (it leads it or not). */
  readonly view: View;
  /** The last stable checkpoint it knows of: it proposes seqs in (h, h + W] only. */
  readonly lowWatermark: Seq;
  readonly nextSeq: Seq;
  /** Pre-prepares this coordinator sent in the view it leads, above the low watermark, by seq (kept for resends). */
  readonly proposals: readonly PrePrepare[];
  /** Submissions waiting for room in the window. */
  readonly queue: readonly Submission[];
  /** The first confirmation of each participant for each seq, of those worth keeping (coordinator-confirmations.ts). */
  readonly confirmations: readonly Signed<Confirm>[];
  /** Txn ids submitted and not replied to yet, sorted. */
  readonly awaiting: readonly string[];
  /**
   * Outcomes reported to the client, sorted by txn id; `expires` is the txn's own, when it has one, and the reply
   * goes once the window passes it (coordinator-expiry.ts).
   */
  readonly replies: readonly { readonly txn: string; readonly outcome: Outcome; readonly expires?: number }[];
  /**
   * The newest CHECKPOINTs of each participant above the low watermark (checkpoint-log.ts), sorted by
   * (signer, seq).
   */
  readonly checkpoints: readonly Signed<Checkpoint>[];
  /** The latest valid VIEW-CHANGE of each participant for a view this coordinator leads, sorted by signer. */
  readonly viewChanges: readonly Signed<ViewChange>[];
  /** The NEW-VIEW this coordinator sent for the view it leads, if it started one (resent to laggards). */
  readonly newView: NewView | null;
  readonly proven: NodeSet;
}

export function initialCoordinator(id: NodeId): CoordinatorState {
  return {
    role: "coordinator", id, view: asView(0), lowWatermark: asSeq(0), nextSeq: asSeq(1),
    proposals: [], queue: [], confirmations: [], awaiting: [], replies: [],
    checkpoints: [], viewChanges: [], newView: null, proven: 0,
  };
}
