/**
 * The fetching side of chunked state transfer (spec/transfer-messages.ts).
 *
 * A manifest starts a fetch: its chunks are asked of the participants in turn
 * (chunk i first of the i-th peer after the replier, so the load spreads), a
 * few at a time, each checked against its digest in the manifest. A null
 * chunk, a wrong one or no answer within `retryMs` moves that chunk on to the
 * next peer. With every chunk in, the STATE-REPLY is reassembled under the
 * replier's signature and handed to the core like any received message: the
 * core verifies that signature and checks the replica against the digest
 * 2f+1 CHECKPOINTs prove, so nothing here is trusted for safety, and a replier
 * that signed a bad replica is proven faulty by its own signed message.
 *
 * Bounded: one fetch per replier (the core asks several), a few chunks in
 * flight per fetch, and a fetch that makes no progress for `stallMs` is
 * dropped (the core's resend timer asks again).
 */
import type { NodeId, Signed, StateReply } from "../../spec/messages.js";
import type { ReplicaChunk, StateChunk, StateManifest, TransferMessage } from "../../spec/transfer-messages.js";
import { tryEncodeMessageFrame } from "./frame.js";
import { chunkBytes, chunkDigest, chunksMax, joinChunks } from "./replica-chunks.js";

export const chunksInFlightMax = 4;
export const retryMs = 1_000;
export const stallMs = 30_000;

interface Asked { readonly peer: number; readonly at: number }

interface Fetch {
  readonly manifest: StateManifest;
  readonly chunks: (ReplicaChunk | undefined)[];
  /** Per chunk index: the peer position asked last and when. */
  readonly asked: Map<number, Asked>;
  received: number;
  /** Canonical JSON bytes of the chunks received, for the log. */
  bytes: number;
  progressAt: number;
}

export interface StateTransferFetchDeps {
  /** The participants other than this one, the peers chunks are asked of. */
  readonly peers: readonly NodeId[];
  readonly send: (to: NodeId, frame: Uint8Array) => void;
  /** The reassembled STATE-REPLY, as if `from` had sent it whole. */
  readonly deliver: (from: NodeId, reply: Signed<StateReply>) => void;
  readonly lastExecuted: () => number;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  readonly now: () => number;
}

export class StateTransferFetch {
  private readonly fetches: Fetch[] = [];

  constructor(private readonly deps: StateTransferFetchDeps) {}

  get active(): number {
    return this.fetches.length;
  }

  onManifest(from: NodeId, manifest: StateManifest): void {
    if (manifest.signer !== from) {
      return this.deps.log("transfer-ignored", { from, reason: "manifest of another signer" });
    }
    if (manifest.seq <= this.deps.lastExecuted()) return;
    if (manifest.chunkDigests.length === 0 || manifest.chunkDigests.length > chunksMax) {
      return this.deps.log("transfer-ignored", { from, reason: `${manifest.chunkDigests.length} chunks` });
    }
    // One fetch per replier: a faulty one's manifests (unasked for, or for chunks no one has) displace only its own.
    const own = this.fetches.find((f) => f.manifest.signer === from);
    if (own !== undefined && (own.manifest.signature === manifest.signature || own.manifest.seq > manifest.seq)) return;
    if (own !== undefined) this.drop(own);
    const fetch: Fetch = {
      manifest, chunks: manifest.chunkDigests.map(() => undefined), asked: new Map(),
      received: 0, bytes: 0, progressAt: this.deps.now(),
    };
    this.fetches.push(fetch);
    this.deps.log("transfer-start", { from, seq: manifest.seq, chunks: manifest.chunkDigests.length });
    this.askMore(fetch);
  }

  onChunk(from: NodeId, answer: StateChunk): void {
    for (const fetch of [...this.fetches]) {
      const { manifest } = fetch;
      if (manifest.seq !== answer.seq || manifest.chunkDigests[answer.index] !== answer.digest) continue;
      if (fetch.chunks[answer.index] !== undefined || !fetch.asked.has(answer.index)) continue;
      const size = answer.chunk === null ? 0 : chunkBytes(answer.chunk);
      if (answer.chunk === null || chunkDigest(answer.chunk) !== answer.digest) {
        if (answer.chunk !== null) this.deps.log("transfer-bad-chunk", { from, seq: answer.seq, index: answer.index });
        this.askNext(fetch, answer.index);
        continue;
      }
      fetch.chunks[answer.index] = answer.chunk;
      fetch.asked.delete(answer.index);
      fetch.received += 1;
      fetch.bytes += size;
      fetch.progressAt = this.deps.now();
      if (fetch.received === fetch.chunks.length) return this.complete(fetch);
      this.askMore(fetch);
    }
  }

  /** Called every so often: re-asks chunks that got no answer, drops fetches that stalled or are no longer needed. */
  tick(): void {
    const now = this.deps.now();
    for (const fetch of [...this.fetches]) {
      if (fetch.manifest.seq <= this.deps.lastExecuted() || now - fetch.progressAt > stallMs) {
        this.drop(fetch);
        continue;
      }
      for (const [index, asked] of fetch.asked) if (now - asked.at >= retryMs) this.ask(fetch, index, asked.peer + 1);
    }
  }

  private complete(fetch: Fetch): void {
    const { manifest } = fetch;
    const replica = joinChunks(fetch.chunks as ReplicaChunk[]);
    for (const other of [...this.fetches]) if (other.manifest.seq <= manifest.seq) this.drop(other);
    this.deps.log("transfer-done",
      { from: manifest.signer, seq: manifest.seq, chunks: fetch.chunks.length, bytes: fetch.bytes });
    const reply: StateReply = { kind: "StateReply", seq: manifest.seq, replica, proof: manifest.proof };
    this.deps.deliver(manifest.signer, { body: reply, signer: manifest.signer, signature: manifest.signature });
  }

  private askMore(fetch: Fetch): void {
    for (let index = 0; index < fetch.chunks.length && fetch.asked.size < chunksInFlightMax; index++) {
      if (fetch.chunks[index] !== undefined || fetch.asked.has(index)) continue;
      this.ask(fetch, index, this.firstPosition(fetch, index));
    }
  }

  /** Chunk i goes first to the i-th peer after the replier, so the replier is not the only one serving. */
  private firstPosition(fetch: Fetch, index: number): number {
    return Math.max(0, this.deps.peers.indexOf(fetch.manifest.signer)) + index;
  }

  /** At once while some peer is still unasked this round; after a full round, at the next retry (no busy loop). */
  private askNext(fetch: Fetch, index: number): void {
    const next = (fetch.asked.get(index)?.peer ?? this.firstPosition(fetch, index)) + 1;
    if ((next - this.firstPosition(fetch, index)) % this.deps.peers.length !== 0) this.ask(fetch, index, next);
    else fetch.asked.set(index, { peer: next - 1, at: this.deps.now() });
  }

  private ask(fetch: Fetch, index: number, position: number): void {
    const { peers } = this.deps;
    const peer = peers[position % peers.length];
    const digest = fetch.manifest.chunkDigests[index];
    if (peer === undefined || digest === undefined) return;
    fetch.asked.set(index, { peer: position, at: this.deps.now() });
    const request: TransferMessage = { kind: "StateChunkRequest", seq: fetch.manifest.seq, index, digest };
    const framed = tryEncodeMessageFrame(request);
    if (framed.ok) this.deps.send(peer, framed.frame);
  }

  private drop(fetch: Fetch): void {
    const at = this.fetches.indexOf(fetch);
    if (at >= 0) this.fetches.splice(at, 1);
  }
}
