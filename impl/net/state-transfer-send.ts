/**
 * The serving side of chunked state transfer (spec/transfer-messages.ts).
 *
 * When the core answers a STATE-REQUEST, its STATE-REPLY (signed whole, so the
 * receiver can check the reassembled message) goes out as a manifest; the
 * replica it carries is kept for a while, split into chunks, so that chunk
 * requests can still be answered after this participant's window has moved on
 * and its snapshot at that seq is gone. A request for a seq it never served is
 * answered from its own snapshot at that seq if it has one (honest snapshots at
 * one seq are equal), else with a null chunk, so the asker tries someone else.
 */
import type { Digest, NodeId, ReplicaData, Signed, StateReply } from "../../spec/messages.js";
import type { ReplicaChunk, StateChunkRequest, StateManifest, TransferMessage } from "../../spec/transfer-messages.js";
import { tryEncodeMessageFrame } from "./frame.js";
import { chunkDigest, chunksMax, splitReplica } from "./replica-chunks.js";

/** Replicas kept after serving them: a few checkpoints' worth, for the fetches still running. */
export const servedMax = 4;

interface Split {
  readonly seq: number;
  readonly chunks: readonly ReplicaChunk[];
  readonly digests: readonly Digest[];
}

export interface StateTransferSendDeps {
  readonly send: (to: NodeId, frame: Uint8Array) => void;
  /** This participant's snapshot at `seq`, if it holds one. */
  readonly snapshot: (seq: number) => ReplicaData | null;
  /** A message that could not be framed, for the log and metrics. */
  readonly unsendable: (to: NodeId, kind: TransferMessage["kind"], reason: string) => void;
}

export class StateTransferSend {
  private readonly served: Split[] = [];
  private readonly byReplica = new WeakMap<ReplicaData, Split>();

  constructor(private readonly deps: StateTransferSendDeps) {}

  /** Sends the manifest of `reply` to `to`. */
  offer(to: NodeId, reply: Signed<StateReply>): void {
    const split = this.split(reply.body.seq, reply.body.replica);
    if (!this.served.includes(split)) {
      this.served.push(split);
      if (this.served.length > servedMax) this.served.shift();
    }
    if (split.digests.length > chunksMax) {
      return this.deps.unsendable(to, "StateManifest", `${split.digests.length} chunks exceed ${chunksMax}`);
    }
    const manifest: StateManifest = {
      kind: "StateManifest", seq: reply.body.seq, proof: reply.body.proof,
      signer: reply.signer, signature: reply.signature, chunkDigests: split.digests,
    };
    this.transmit(to, manifest);
  }

  onChunkRequest(from: NodeId, request: StateChunkRequest): void {
    const { seq, index, digest } = request;
    let split = this.served.find((s) => s.seq === seq && s.digests[index] === digest);
    if (split === undefined) {
      const replica = this.deps.snapshot(seq);
      const own = replica === null ? undefined : this.split(seq, replica);
      if (own?.digests[index] === digest) split = own;
    }
    this.transmit(from, { kind: "StateChunk", seq, index, digest, chunk: split?.chunks[index] ?? null });
  }

  private split(seq: number, replica: ReplicaData): Split {
    let split = this.byReplica.get(replica);
    if (split === undefined || split.seq !== seq) {
      const chunks = splitReplica(replica);
      split = { seq, chunks, digests: chunks.map(chunkDigest) };
      this.byReplica.set(replica, split);
    }
    return split;
  }

  private transmit(to: NodeId, message: TransferMessage): void {
    const framed = tryEncodeMessageFrame(message);
    if (framed.ok) this.deps.send(to, framed.frame);
    else this.deps.unsendable(to, message.kind, framed.error);
  }
}
