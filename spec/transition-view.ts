/**
 * What the transition properties look at: one honest node's delivery step, projected
 * onto the facts DESIGN.md §4 and §5 speak of, as spec/global-view.ts projects a state.
 * Some properties hold of no single state: "it received conflicting messages and holds
 * no proof" needs the step that delivered them. A driver (checker/model/transition-checks.ts)
 * builds this view from the node's state before and after the step; spec imports
 * nothing of ours, so the properties stay independent of how nodes store things.
 */
import type { NewView, NodeId, Outcome, Seq, Signed, SignedMessage, View } from "./messages.js";

/** A NEW-VIEW that a participant installed in the step (its log now starts from it). */
export interface InstalledNewView {
  readonly view: View;
  /** The delivered NEW-VIEW's signer, or the receiver itself when it built the NEW-VIEW as that view's leader. */
  readonly signer: NodeId;
  /**
   * For a delivered NEW-VIEW: whether its pre-prepares follow from the VIEW-CHANGEs it
   * carries by the receiver's own derivation rule. Null when the receiver built it.
   */
  readonly derivable: boolean | null;
}

/** A seq a participant holds a prepared certificate for, and the view of its highest one. */
export interface CertifiedSeq {
  readonly seq: Seq;
  readonly view: View;
}

/**
 * What a participant receiver's P set stood for before and after the step: the seqs it holds a prepared
 * certificate for, in its P set or in its log (PBFT §4.4: a VIEW-CHANGE carries both), and its low watermark after.
 */
export interface KeptCertificates {
  readonly before: readonly CertifiedSeq[];
  readonly after: readonly CertifiedSeq[];
  readonly lowWatermarkAfter: Seq;
}

/**
 * A coordinator's relayed Request (verified) that was a participant receiver's first word on its txn: it held no
 * proposal for the txn before the step (its NEW-VIEW's, its own, or one waiting for a batch), and after the step it
 * holds some, as the leader of its view. Null when the step was anything else.
 */
export interface RelayTaken {
  readonly txn: string;
  /** The flag the coordinator's signed Request carries for the txn. */
  readonly relayedFlag: Outcome;
  /** The flags of the proposals for the txn the receiver holds after the step (proposed, or held for a batch). */
  readonly proposedFlags: readonly Outcome[];
}

/**
 * The PRE-PREPAREs a participant receiver proposed as the leader of its view in a step that delivered a Request
 * (the coordinator's relay), with batches of more than one txn: each one's seq and txn count, and the last seq it
 * had executed. Null when the step was anything else, proposed nothing, or batches hold one txn.
 */
export interface RelayProposals {
  readonly batchSize: number;
  readonly lastExecuted: Seq;
  readonly proposed: readonly { readonly seq: Seq; readonly txns: number }[];
}

export interface DeliveryView {
  readonly receiver: NodeId;
  readonly receiverRole: "participant" | "coordinator";
  /** The number of participants n; the coordinator is node n. */
  readonly n: number;
  readonly message: SignedMessage;
  /** The message's signature verifies. */
  readonly verifies: boolean;
  /** The receiver held proof against the message's signer before the step, or holds it after. */
  readonly signerProven: boolean;
  /** What the receiver held before the step from the same signer for the same (kind, view, seq), if anything. */
  readonly counterpart: SignedMessage | null;
  /** The signed NEW-VIEW a participant receiver had installed before the step, if any. */
  readonly newViewBefore: Signed<NewView> | null;
  /** The NEW-VIEW the step installed at a participant receiver, if it installed one. */
  readonly installed: InstalledNewView | null;
  /** A participant receiver's certificates, when its log, P set or low watermark changed in the step; else null. */
  readonly certificates: KeptCertificates | null;
  /** A participant leader's uptake of the coordinator's relayed Request, when it was its first word on the txn. */
  readonly relay: RelayTaken | null;
  /** What a participant leader with batches proposed on the coordinator's Request. */
  readonly relayProposals: RelayProposals | null;
}

/** A transition property returns null when it holds, else a one-line message naming the witnesses. */
export interface TransitionProperty {
  readonly id: string;
  /** The name a violation carries (traces and the mutant catalog record it). */
  readonly name: string;
  readonly check: (d: DeliveryView) => string | null;
}

export function transition(id: string, name: string, check: (d: DeliveryView) => string | null): TransitionProperty {
  return { id, name, check };
}

/** A reply the coordinator reported to the client: the txn and the outcome it named. */
export interface ReportedOutcome {
  readonly txn: string;
  readonly outcome: Outcome;
}

/**
 * What the restart properties look at: one honest node's crash-restart (DESIGN.md §6: volatile state lost,
 * persisted state kept), projected onto the coordinator's record of the replies it sent the client.
 */
export interface RestartView {
  readonly node: NodeId;
  readonly role: "participant" | "coordinator";
  /** The replies the node's record held just before the crash (the coordinator's; none for a participant). */
  readonly repliesBefore: readonly ReportedOutcome[];
  /** The replies its record holds once restarted from what it persisted. */
  readonly repliesAfter: readonly ReportedOutcome[];
}

/** A restart property returns null when it holds, else a one-line message naming the witnesses. */
export interface RestartProperty {
  readonly id: string;
  readonly name: string;
  readonly check: (r: RestartView) => string | null;
}

export function restartProperty(id: string, name: string, check: (r: RestartView) => string | null):
  RestartProperty {
  return { id, name, check };
}
