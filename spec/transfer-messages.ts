/**
 * State transfer on the wire, below the protocol (impl/net only; the core and
 * the checker never see these). A STATE-REPLY carries a whole replica and can
 * outgrow any frame, so the runtime sends it as a manifest and fetches the
 * replica in chunks:
 * - `StateManifest`: the reply's seq and checkpoint proof, the replier's
 *   signature over the whole STATE-REPLY, and the digest of every chunk;
 * - `StateChunkRequest` / `StateChunk`: one chunk by index and digest, from any
 *   participant that holds the replica at that seq (null when it does not).
 * Chunks are a deterministic split of the replica, so honest participants at
 * the same checkpoint serve identical chunks. These travel on an authenticated
 * link unsigned: a chunk is checked against its digest in the manifest, and the
 * assembled STATE-REPLY against the replier's signature and, in the core,
 * against the digest 2f+1 signed CHECKPOINTs prove.
 *
 * `MessageFragment`: a signed protocol message too big for one frame (a
 * VIEW-CHANGE with many prepared certificates, a NEW-VIEW carrying 2f+1 of
 * them) goes as consecutive fragments of its canonical JSON, base64, on one
 * link; the receiver joins them, checks the whole against `digest`, and decodes
 * it as any other frame (impl/net/message-fragments.ts).
 */
import { Schema } from "effect";
import { DigestSchema, NodeIdSchema, SeqSchema } from "./ids.js";
import { Checkpoint, ReplicaEntry, Signed, TxnOutcome } from "./messages.js";

const Int = Schema.Int;

/** A run of the replica: some entries (sorted by key) then some outcomes (sorted by txn id). */
export const ReplicaChunk = Schema.Struct({ entries: Schema.Array(ReplicaEntry), outcomes: Schema.Array(TxnOutcome) });
export type ReplicaChunk = typeof ReplicaChunk.Type;

export const StateManifest = Schema.Struct({
  kind: Schema.Literal("StateManifest"),
  seq: SeqSchema,
  proof: Schema.Array(Signed(Checkpoint)),
  signer: NodeIdSchema,
  signature: Schema.String,
  chunkDigests: Schema.Array(DigestSchema),
});
export const StateChunkRequest = Schema.Struct({
  kind: Schema.Literal("StateChunkRequest"), seq: SeqSchema, index: Int, digest: DigestSchema,
});
export const StateChunk = Schema.Struct({
  kind: Schema.Literal("StateChunk"), seq: SeqSchema, index: Int, digest: DigestSchema,
  chunk: Schema.NullOr(ReplicaChunk),
});
export const MessageFragment = Schema.Struct({
  kind: Schema.Literal("MessageFragment"), digest: DigestSchema, index: Int, count: Int, data: Schema.String,
});
export type StateManifest = typeof StateManifest.Type;
export type StateChunkRequest = typeof StateChunkRequest.Type;
export type StateChunk = typeof StateChunk.Type;
export type MessageFragment = typeof MessageFragment.Type;

export const TransferMessage = Schema.Union([StateManifest, StateChunkRequest, StateChunk, MessageFragment]);
export type TransferMessage = typeof TransferMessage.Type;
export const transferKinds: readonly TransferMessage["kind"][] =
  ["StateManifest", "StateChunkRequest", "StateChunk", "MessageFragment"];
