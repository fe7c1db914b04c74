/**
 * The dialling side of the transport: one connection per peer, carrying our
 * messages to it. It reconnects forever with capped exponential backoff.
 *
 * Why a ring of recent frames, resent on every (re)connect:
 * 1. Messages sent while the link is down (the peer restarting, or not up yet
 *    at cluster start) are queued rather than lost.
 * 2. Frames written just before a connection broke may have died in a kernel
 *    or relay buffer, and a crashed peer forgets what it received after its
 *    last Persist. Resending the recent tail covers both; the core makes
 *    duplicates harmless (one vote per signer is logged, a resent pre-prepare
 *    only re-triggers a confirmation).
 * The ring is bounded (frames and bytes), so a long outage costs memory only
 * up to the bound, and drops frames for seqs below the node's low watermark
 * (frame-ring.ts); older messages are the core's business (resends, state transfer).
 * It does not mask loss on a live connection: the relay's drops stay drops.
 */
import net from "node:net";
import type { NodeId } from "../../spec/messages.js";
import { FrameDecoder } from "./frame.js";
import { FrameRing } from "./frame-ring.js";
import { answerChallenge, helloBytesMax, jsonFrame } from "./handshake.js";
import type { Sign } from "./signer.js";

export const ringFramesMax = 1024;
export const ringBytesMax = 32 * 1024 * 1024;
export const backoffMsMin = 50;
export const backoffMsMax = 2_000;
/** Above this many unsent bytes on a live socket the peer is not reading: frames stay in the ring only. */
export const writableBytesMax = 16 * 1024 * 1024;

export interface PeerLinkOptions {
  readonly self: NodeId;
  readonly peer: NodeId;
  readonly host: string;
  readonly port: number;
  readonly sign: Sign;
  readonly onUp: (up: boolean) => void;
  /** Bytes handed to the socket, for /metrics. */
  readonly onBytesSent?: (bytes: number) => void;
  /** The node's low watermark h: ring frames for seqs below it are dropped (frame-ring.ts). */
  readonly lowWatermark?: () => number;
}

export class PeerLink {
  private socket: net.Socket | null = null;
  private established = false;
  private closed = false;
  private backoffMs = backoffMsMin;
  private retry: NodeJS.Timeout | null = null;
  private readonly ring = new FrameRing(ringFramesMax, ringBytesMax);

  constructor(private readonly options: PeerLinkOptions) {
    this.connect();
  }

  /** Sends `frame` (kept in the ring for a reconnect) carrying a message for the seq `mark`, or null for none. */
  send(frame: Uint8Array, mark: number | null = null): void {
    this.ring.push(frame, mark, this.options.lowWatermark?.() ?? Number.NEGATIVE_INFINITY);
    const socket = this.socket;
    if (this.established && socket !== null && socket.writableLength < writableBytesMax) {
      // Frames of one tick leave in one writev: the node sends in bursts (a landed save releases many).
      if (socket.writableCorked === 0) {
        socket.cork();
        process.nextTick(() => socket.uncork());
      }
      socket.write(frame);
      this.options.onBytesSent?.(frame.length);
    }
  }

  close(): void {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    this.socket?.destroy();
  }

  private connect(): void {
    const { host, port, self, peer, sign } = this.options;
    const socket = net.connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    // The listener sends only its challenge: a bigger frame is not from a node of ours.
    const decoder = new FrameDecoder(helloBytesMax);
    socket.on("data", (chunk: Buffer) => {
      if (this.established) return; // the listener sends nothing after its challenge
      const first = decoder.push(chunk).frames[0];
      if (first === undefined) return;
      const hello = answerChallenge(first, self, peer, sign);
      if (!hello.ok) return void socket.destroy();
      socket.write(jsonFrame(hello.value));
      for (const frame of this.ring.frames()) {
        socket.write(frame);
        this.options.onBytesSent?.(frame.length);
      }
      this.established = true;
      this.backoffMs = backoffMsMin;
      this.options.onUp(true);
    });
    socket.on("error", () => undefined); // refused or reset: "close" follows and schedules the retry
    socket.on("close", () => this.onClose(socket));
  }

  private onClose(socket: net.Socket): void {
    if (this.socket !== socket) return;
    if (this.established) this.options.onUp(false);
    this.socket = null;
    this.established = false;
    if (this.closed) return;
    // Jitter: peers that lost the same node do not all retry in step.
    const delay = this.backoffMs * (0.5 + Math.random() / 2);
    this.backoffMs = Math.min(backoffMsMax, this.backoffMs * 2);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connect();
    }, delay);
  }
}
