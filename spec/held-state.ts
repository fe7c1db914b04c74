/**
 * What the justification invariants (I10, spec/invariants/justified-*.ts) read: the
 * signed messages an honest participant retains, as spec shapes only, and the pure
 * capabilities needed to re-check them (signature check, digest, config). The checker
 * hands its node states over as they are (they have this shape); spec imports nothing
 * of ours, so the rules that judge these facts are a second definition, apart from the
 * core's.
 *
 * What the core does not retain cannot be judged: a slot's phase is overwritten as it
 * advances (so a committed slot does not say whether it was ever prepared), the timer
 * that started a view change leaves no trace, and executed slots leave the log at each
 * stable checkpoint (the checkpoint's proof then stands for them).
 */
import type { ProtocolConfig } from "./config.js";
import type {
  Checkpoint, Commit, Digest, NewView, NodeId, PreparedCertificate, Prepare, PrePrepare,
  Seq, Signed, Txn, View, ViewChange,
} from "./messages.js";

export type HeldPhase = "idle" | "learned" | "pre-prepared" | "prepared" | "committed" | "executed";

export interface HeldSlot {
  readonly seq: Seq;
  readonly phase: HeldPhase;
  readonly prePrepare: Signed<PrePrepare> | null;
  /** The PREPAREs / COMMITs of other participants logged for the slot (own votes are implied by the phase). */
  readonly prepares: readonly (Signed<Prepare> | null)[];
  readonly commits: readonly (Signed<Commit> | null)[];
}

export interface HeldParticipant {
  readonly id: NodeId;
  readonly view: View;
  readonly status: "normal" | "view-change";
  readonly lowWatermark: Seq;
  readonly lastExecuted: Seq;
  readonly slots: readonly HeldSlot[];
  /** PBFT §4.4's P set: the certificates it would carry into a VIEW-CHANGE. */
  readonly prepared: readonly PreparedCertificate[];
  /** The Q signed CHECKPOINTs that made `lowWatermark` stable (empty at seq 0). */
  readonly stableProof: readonly Signed<Checkpoint>[];
  readonly viewChanges: readonly Signed<ViewChange>[];
  /**
   * The NEW-VIEW of the view whose log it holds (null in view 0), and its leader's signed copy (absent at the leader).
   */
  readonly newView: NewView | null;
  readonly newViewSigned?: Signed<NewView>;
  /** Client requests it waits on (carried into its VIEW-CHANGEs). */
  readonly pending: readonly Signed<Txn>[];
  /** Bitmask of the nodes it holds proof against. */
  readonly proven: number;
}

/** The pure capabilities and config the rules are judged with (the driver's crypto: symbolic in the checker). */
export interface Judge {
  readonly config: ProtocolConfig;
  readonly verify: (signed: Signed<unknown>) => boolean;
  readonly digest: (value: unknown) => Digest;
  /**
   * Optional memo for verdicts on immutable retained objects (a NEW-VIEW, a certificate):
   * the driver keeps it per run, so a verdict is computed once per object, not per state.
   */
  readonly remember?: (key: object, compute: () => string | null) => string | null;
}

/** `compute`'s verdict on `key`, through the judge's memo when it has one. */
export function judged(judge: Judge, key: object, compute: () => string | null): string | null {
  return judge.remember === undefined ? compute() : judge.remember(key, compute);
}
