/**
 * What the invariants look at: a projection of the global state onto the facts
 * DESIGN.md §5 speaks of. The checker builds it from its world; spec imports
 * nothing of ours, so the invariants stay independent of how nodes store things.
 */
import type { HeldParticipant, Judge } from "./held-state.js";
import type { Confirm, NodeId, Outcome, ReplicaEntry, Seq, Signed, Txn, TxnOutcome, View } from "./messages.js";

export interface ParticipantView {
  readonly id: NodeId;
  readonly view: number;
  readonly lastExecuted: Seq;
  /** Every txn this participant executed, with its outcome and seq, sorted by txn id. */
  readonly outcomes: readonly TxnOutcome[];
  /** Equal iff the replica data are equal (a digest or a fingerprint). */
  readonly replicaKey: string;
  /** The low watermark h (its last stable checkpoint) and the highest seq it holds a pre-prepare for (0: none). */
  readonly lowWatermark: Seq;
  readonly highestPrePrepared: Seq;
  /** The lowest seq it holds a prepared certificate for (the P set of its VIEW-CHANGEs); absent: none. */
  readonly lowestPrepared?: Seq;
  /** The lowest seq it holds a snapshot of its replica at (what it hands a laggard); absent: none. */
  readonly lowestSnapshot?: Seq;
  /** The replica's data (sorted by key): what the sequential model must reproduce. */
  readonly entries: readonly ReplicaEntry[];
  /** The flag each executed slot still in the log carried (slots below the low watermark are pruned). */
  readonly executedFlags: readonly { readonly seq: Seq; readonly txn: string; readonly flag: Outcome }[];
  /** Every pre-prepare this participant holds in its log, with who signed it. */
  readonly prePrepares: readonly { readonly view: View; readonly seq: Seq; readonly signer: NodeId }[];
  /** The signed messages it retains, for the justification invariants (I10); absent: they judge nothing. */
  readonly held?: HeldParticipant;
}

export interface GlobalView {
  readonly n: number;
  readonly f: number;
  /** The window W: a participant accepts pre-prepares for seqs in (h, h + W] only. */
  readonly windowSize: number;
  /** Honest participants only. */
  readonly participants: readonly ParticipantView[];
  /** Bitmask of honest node ids (participants and, when honest, the coordinator). */
  readonly honestMask: number;
  /** The proven-faulty set (bitmask) held by each honest node. */
  readonly provenBy: readonly { readonly by: NodeId; readonly proven: number }[];
  readonly coordinatorHonest: boolean;
  /** Outcomes the coordinator reported to the client (only meaningful when it is honest). */
  readonly replies: readonly { readonly txn: string; readonly outcome: Outcome }[];
  /** Signed confirmations the coordinator holds, from any signer. */
  readonly confirmations: readonly Signed<Confirm>[];
  /** The coordinator's low watermark h: its last stable checkpoint. */
  readonly coordinatorLowWatermark: Seq;
  /** What the client submitted, with the flag the coordinator was configured to propose. */
  readonly submitted: readonly { readonly txn: Txn; readonly flag: Outcome }[];
  /** Whether some honest participant completed a view change (is in a view above 0, normal status). */
  readonly viewChanged: boolean;
  /**
   * The crypto and config the justification invariants (I10) re-check retained messages with; absent: they judge
   * nothing.
   */
  readonly judge?: Judge;
}

/** An invariant returns null when it holds, else a one-line message naming the witnesses. */
export interface Invariant {
  readonly id: string;
  readonly name: string;
  readonly kind: "always" | "sometimes";
  readonly check: (g: GlobalView) => string | null;
  /**
   * Set when the invariant judges each participant on its own: `check` is then this applied to the participants
   * in order (the first message; for a `sometimes`, reached when any is), and it reads nothing of the view but the
   * participant and the run's constants (n, f, windowSize, submitted, coordinatorHonest, judge). A driver may so
   * judge each participant state once per run rather than once per global state.
   */
  readonly participant?: (p: ParticipantView, g: GlobalView) => string | null;
}

export function always(id: string, name: string, check: (g: GlobalView) => string | null): Invariant {
  return { id, name, kind: "always", check };
}

/** An `always` that judges each participant on its own (see `Invariant.participant`). */
export function alwaysEach(id: string, name: string, problem: (p: ParticipantView, g: GlobalView) => string | null):
  Invariant {
  const check = (g: GlobalView): string | null => {
    for (const p of g.participants) {
      const message = problem(p, g);
      if (message !== null) return message;
    }
    return null;
  };
  return { id, name, kind: "always", check, participant: problem };
}

/** A `sometimes` reached when some participant, judged on its own, reaches it (see `Invariant.participant`). */
export function sometimesEach(id: string, name: string, reached: (p: ParticipantView, g: GlobalView) => boolean):
  Invariant {
  const participant = (p: ParticipantView, g: GlobalView): string | null => (reached(p, g) ? null : "not reached");
  const check = (g: GlobalView): string | null => (g.participants.some((p) => reached(p, g)) ? null : "not reached");
  return { id, name, kind: "sometimes", check, participant };
}

/** A sometimes property "holds" in a state when `reached` is true there; check returns null then. */
export function sometimes(id: string, name: string, reached: (g: GlobalView) => boolean): Invariant {
  return { id, name, kind: "sometimes", check: (g) => (reached(g) ? null : "not reached") };
}
