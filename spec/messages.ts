/**
 * The wire vocabulary of byzcommit, as effect Schemas (the one place untrusted
 * bytes become types) and the TypeScript types derived from them.
 *
 * Node ids: participants are 0..n-1, the coordinator is n, the client is n+1
 * (see `config.ts`). Every protocol message travels inside `Signed<M>`; the
 * core never signs, the driver does (symbolic in the checker, Ed25519 on the net).
 */
import { Schema } from "effect";
import { DigestSchema, NodeIdSchema, SeqSchema, ViewSchema } from "./ids.js";
import type { Digest, NodeId, Seq, View } from "./ids.js";

export type { Digest, NodeId, Seq, View } from "./ids.js";

const Int = Schema.Int;

export const Outcome = Schema.Literals(["commit", "abort"]);
export type Outcome = typeof Outcome.Type;

/** A signed envelope. The signature covers the canonical encoding of `body` and `signer`. */
export const Signed = <S extends Schema.Top>(body: S) =>
  Schema.Struct({ body, signer: NodeIdSchema, signature: Schema.String });
export interface Signed<M> {
  readonly body: M;
  readonly signer: NodeId;
  readonly signature: string;
}

export const Write = Schema.Struct({ key: Schema.String, value: Schema.String });
/** A precondition: the transaction commits only if `key` is at `version` when it executes. */
export const Read = Schema.Struct({ key: Schema.String, version: Int });
/**
 * `expires` (optional; absent, never null, so a txn without it encodes and digests as before): the last seq this
 * txn may execute at, in the client's signed body. It is the at-most-once contract (impl/core/replica.ts): in a
 * later slot the txn is a no-op at every honest replica, so once every replica has executed past it, the record of
 * its outcome can go without the txn ever running twice.
 */
export const Txn = Schema.Struct({
  id: Schema.String,
  writes: Schema.Array(Write),
  reads: Schema.Array(Read),
  expires: Schema.optionalKey(Int),
});
export type Write = typeof Write.Type;
export type Read = typeof Read.Type;
export type Txn = typeof Txn.Type;

/**
 * What a leader proposes for a slot: a client-signed transaction and the coordinator's flag.
 *
 * Flag authority (DESIGN.md §3): the flag is the coordinator's decision. In a view the
 * coordinator leads, its signature on the pre-prepare is the authority. In a view a
 * participant leads, a commit flag needs `authority`: the coordinator's signed statement
 * that it flags this txn commit — the `Request` it relayed, or its own PRE-PREPARE from a
 * view it led (when a NEW-VIEW re-proposes that certificate). Abort needs none (presumed
 * abort). The key is absent, never null, when no authority is carried, so a proposal
 * without one has the same encoding (and digest) as before the field existed: stored
 * traces decode and replay unchanged. The digest covers the authority like the rest.
 */
export interface Proposal {
  readonly request: Signed<Txn>;
  readonly flag: Outcome;
  readonly authority?: Signed<FlagAuthority>;
}

// PBFT §4.2: pre-prepare, prepare, commit. `proposal: null` is a null request (a no-op
// slot, PBFT §4.4) that a new leader uses to fill a hole in the sequence.
export interface PrePrepare {
  readonly kind: "PrePrepare";
  readonly view: View;
  readonly seq: Seq;
  readonly digest: Digest;
  readonly proposal: Proposal | null;
  /**
   * The txns after `proposal` in a batch of two or more, in execution order (spec/batch.ts). Absent, never empty,
   * for a batch of one, so such a pre-prepare encodes (and digests) as before batching existed.
   */
  readonly rest?: readonly Proposal[];
}

/** The coordinator's signed word that a txn is flagged commit: a relayed Request or its own PRE-PREPARE. */
export type FlagAuthority = Request | PrePrepare;

// The wire forms of the recursive types: the same shapes with the brands erased (ids.ts).
interface SignedEncoded<M> { readonly body: M; readonly signer: number; readonly signature: string }
interface ProposalEncoded {
  readonly request: SignedEncoded<Txn>;
  readonly flag: Outcome;
  readonly authority?: SignedEncoded<FlagAuthorityEncoded>;
}
interface PrePrepareEncoded {
  readonly kind: "PrePrepare";
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly proposal: ProposalEncoded | null;
  readonly rest?: readonly ProposalEncoded[];
}
type FlagAuthorityEncoded = typeof Request.Encoded | PrePrepareEncoded;

// Proposal and PrePrepare refer to each other through the authority: suspended schemas.
export const Proposal: Schema.Codec<Proposal, ProposalEncoded> = Schema.Struct({
  request: Signed(Txn),
  flag: Outcome,
  authority: Schema.optionalKey(Schema.suspend(
    (): Schema.Codec<Signed<FlagAuthority>, SignedEncoded<FlagAuthorityEncoded>> => Signed(FlagAuthority))),
});
export const PrePrepare: Schema.Codec<PrePrepare, PrePrepareEncoded> = Schema.Struct({
  kind: Schema.Literal("PrePrepare"),
  view: ViewSchema,
  seq: SeqSchema,
  digest: DigestSchema,
  proposal: Schema.NullOr(Proposal),
  rest: Schema.optionalKey(Schema.Array(Proposal)),
});
export const Prepare = Schema.Struct({
  kind: Schema.Literal("Prepare"), view: ViewSchema, seq: SeqSchema, digest: DigestSchema,
});
export const Commit = Schema.Struct({
  kind: Schema.Literal("Commit"), view: ViewSchema, seq: SeqSchema, digest: DigestSchema,
});
/**
 * The coordinator relays a client request it cannot propose itself, because a
 * participant leads the view, to every participant with the flag it proposes for
 * it: the participants wait on it and their leader proposes it (PBFT §4.1, where a
 * client's request reaches the backups, who relay it to the primary and start timers).
 */
export const Request = Schema.Struct({ kind: Schema.Literal("Request"), request: Signed(Txn), flag: Outcome });
export type Request = typeof Request.Type;
export const FlagAuthority: Schema.Codec<FlagAuthority, FlagAuthorityEncoded> =
  Schema.Union([Request, Schema.suspend(() => PrePrepare)]);

/** One txn a confirmation speaks for beyond its first, and the outcome it had. */
export const ConfirmedTxn = Schema.Struct({ txn: Schema.String, outcome: Outcome });
export type ConfirmedTxn = typeof ConfirmedTxn.Type;
/**
 * A participant's signed statement of what it executed at `seq`: the client can check f+1 of them itself.
 * `txn` and `outcome` are the seq's first decided txn; a batch's further decided txns follow, in order, in
 * `rest` (absent, never empty, for one txn, so such a confirmation encodes as before batching: spec/batch.ts).
 * `replicaDigest` is the replica after the whole seq.
 */
export const Confirm = Schema.Struct({
  kind: Schema.Literal("Confirm"),
  seq: SeqSchema,
  txn: Schema.String,
  outcome: Outcome,
  replicaDigest: DigestSchema,
  rest: Schema.optionalKey(Schema.Array(ConfirmedTxn)),
});
/** PBFT §4.3: a replica's digest of its state after executing `seq`. */
export const Checkpoint = Schema.Struct({
  kind: Schema.Literal("Checkpoint"), seq: SeqSchema, stateDigest: DigestSchema,
});
export type Prepare = typeof Prepare.Type;
export type Commit = typeof Commit.Type;
export type Confirm = typeof Confirm.Type;
export type Checkpoint = typeof Checkpoint.Type;

/** A prepared certificate: the pre-prepare and quorum-many matching prepares from distinct participants. */
export const PreparedCertificate = Schema.Struct({
  prePrepare: Signed(PrePrepare),
  prepares: Schema.Array(Signed(Prepare)),
});
export type PreparedCertificate = typeof PreparedCertificate.Type;

/** PBFT §4.4: a vote to move to `view`, carrying what must survive the change. */
export const ViewChange = Schema.Struct({
  kind: Schema.Literal("ViewChange"),
  view: ViewSchema,
  stableSeq: SeqSchema,
  checkpointProof: Schema.Array(Signed(Checkpoint)),
  prepared: Schema.Array(PreparedCertificate),
  pending: Schema.Array(Signed(Txn)),
});
export type ViewChange = typeof ViewChange.Type;

/** PBFT §4.4: the new leader's proof that `view` started, and the pre-prepares derived from it. */
export const NewView = Schema.Struct({
  kind: Schema.Literal("NewView"),
  view: ViewSchema,
  viewChanges: Schema.Array(Signed(ViewChange)),
  prePrepares: Schema.Array(PrePrepare),
});
export type NewView = typeof NewView.Type;

export const ReplicaEntry = Schema.Struct({ key: Schema.String, value: Schema.String, version: Int });
/**
 * `index`: the txn's place in its seq's batch (spec/batch.ts), absent for the first, so a replica without batches
 * encodes as before; the sequential model (I8) replays a seq's txns in that order. `expires`: the txn's own, when
 * it has one: the replica prunes the record at the first checkpoint at or past it (impl/core/replica.ts).
 */
export const TxnOutcome = Schema.Struct({
  txn: Schema.String, outcome: Outcome, seq: SeqSchema, index: Schema.optionalKey(Int),
  expires: Schema.optionalKey(Int),
});
/** A replica's data: versioned key/value entries sorted by key, and every executed txn's outcome sorted by id. */
export const ReplicaData = Schema.Struct({
  entries: Schema.Array(ReplicaEntry),
  outcomes: Schema.Array(TxnOutcome),
});
export type ReplicaEntry = typeof ReplicaEntry.Type;
export type TxnOutcome = typeof TxnOutcome.Type;
export type ReplicaData = typeof ReplicaData.Type;

/** State transfer (PBFT §5.3 simplified): ask for, and answer with, state proven by a stable checkpoint. */
export const StateRequest = Schema.Struct({ kind: Schema.Literal("StateRequest"), seq: SeqSchema });
export const StateReply = Schema.Struct({
  kind: Schema.Literal("StateReply"),
  seq: SeqSchema,
  replica: ReplicaData,
  proof: Schema.Array(Signed(Checkpoint)),
});
export type StateRequest = typeof StateRequest.Type;
export type StateReply = typeof StateReply.Type;

export const Message = Schema.Union([
  Request, PrePrepare, Prepare, Commit, Confirm, Checkpoint, ViewChange, NewView, StateRequest, StateReply,
]);
export type Message = typeof Message.Type;
export type MessageKind = Message["kind"];

export const SignedMessage = Signed(Message);
export type SignedMessage = Signed<Message>;
