/**
 * The core's contract (DESIGN.md §2): `step(state, input, env) -> { state, out }`.
 * Inputs and outputs are plain serializable data, so the checker can hash them,
 * traces can store them and impl/net can send them.
 */
import type {
  Digest, Message, NodeId, Outcome, Seq, Signed, SignedMessage, Txn,
} from "../../spec/messages.js";
import type { ProtocolConfig } from "../../spec/config.js";
import type { CoordinatorState } from "./coordinator-state.js";
import type { ParticipantState } from "./participant-state.js";

/** The timers a node arms. Time is abstract: the checker fires them as actions, impl/net after ticks * ms. */
export type TimerName = "resend" | "view-change";

export type Input =
  | { readonly kind: "Delivered"; readonly from: NodeId; readonly message: SignedMessage }
  | { readonly kind: "TimerFired"; readonly timer: TimerName }
  /**
   * Coordinator only: a client-signed transaction and the flag the coordinator proposes for it. `hold`: more
   * submissions follow at once (the driver gathers a batch, spec/batch.ts), so only full batches are proposed
   * now; a submission without it proposes everything queued. With batches of one it changes nothing.
   */
  | { readonly kind: "Submit"; readonly request: Signed<Txn>; readonly flag: Outcome; readonly hold?: boolean };

export type EvidenceGrade = "proven" | "suspected";

/** Why a node is reported. Proven reasons carry transferable proof; suspected ones never isolate. */
export type EvidenceReason =
  | "equivocation"          // two validly signed messages, same (type, view, seq), different digests
  | "invalid-new-view"      // a NEW-VIEW that does not follow from the view-changes it carries
  | "impossible-message"    // a signed message no honest node could send (e.g. digest not matching body)
  | "bad-signature"         // failed verification: the claimed signer may be innocent
  | "unexpected"            // well-signed but not acceptable now (wrong leader, outside the window, ...)
  | "timeout";              // silence: a pending slot made no progress

export interface Evidence {
  readonly grade: EvidenceGrade;
  readonly against: NodeId;
  readonly reason: EvidenceReason;
  /** For proven evidence: the signed messages anyone can re-check. */
  readonly proof: readonly SignedMessage[];
  readonly detail: string;
}

export type Output =
  | { readonly kind: "Send"; readonly to: NodeId; readonly message: Message }
  | { readonly kind: "ArmTimer"; readonly timer: TimerName; readonly ticks: number }
  | { readonly kind: "CancelTimer"; readonly timer: TimerName }
  | { readonly kind: "Decide"; readonly seq: Seq; readonly txn: string | null; readonly outcome: Outcome | null }
  /** Coordinator: the outcome it reports to the client, with the f+1 confirmations that back it. */
  | {
      readonly kind: "Reply"; readonly txn: string; readonly outcome: Outcome;
      readonly confirmations: readonly Signed<Message>[];
    }
  | { readonly kind: "Report"; readonly evidence: Evidence }
  /** Write the node's durable part (see `durablePart`) before any later Send of this step leaves. */
  | { readonly kind: "Persist" };

export interface Env {
  readonly config: ProtocolConfig;
  /** Checks a signature. The checker's symbolic signer is unforgeable; impl/net uses Ed25519. */
  readonly verify: (signed: SignedMessage | Signed<Txn>) => boolean;
  /** A collision-resistant digest of a canonical encoding of `value`. */
  readonly digest: (value: unknown) => Digest;
}

export type NodeState = ParticipantState | CoordinatorState;

export interface StepResult {
  readonly state: NodeState;
  readonly out: readonly Output[];
}
