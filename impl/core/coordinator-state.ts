/**
 * The coordinator: the client's entry point and the leader of view 0. It is not a
 * participant — it holds no replica and casts no vote — so certificates count
 * participants only (issue: Q PREPAREs from distinct participants, not 2f).
 */
import type { Confirm, NodeId, Outcome, PrePrepare, Seq, Signed, Txn, View } from "../../spec/messages.js";
import type { NodeSet } from "./quorum.js";

export interface Submission { readonly request: Signed<Txn>; readonly flag: Outcome }

export interface CoordinatorState {
  readonly role: "coordinator";
  readonly id: NodeId;
  readonly view: View;
  readonly lowWatermark: Seq;
  readonly nextSeq: Seq;
  /** Pre-prepares this coordinator sent in its view, by seq (kept for resends). */
  readonly proposals: readonly PrePrepare[];
  /** Submissions waiting for room in the window. */
  readonly queue: readonly Submission[];
  /** The first confirmation of each participant for each seq. */
  readonly confirmations: readonly Signed<Confirm>[];
  /** Outcomes reported to the client, sorted by txn id. */
  readonly replies: readonly { readonly txn: string; readonly outcome: Outcome }[];
  readonly proven: NodeSet;
}

export function initialCoordinator(id: NodeId): CoordinatorState {
  return { role: "coordinator", id, view: 0, lowWatermark: 0, nextSeq: 1, proposals: [], queue: [], confirmations: [], replies: [], proven: 0 };
}
