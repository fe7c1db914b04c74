/**
 * The listening side of the transport: every peer dials us and sends its
 * messages on that connection; we only ever send the handshake challenge back.
 *
 * Bytes are untrusted until they decode (STYLE.md "Schemas at the edges"):
 * - before the handshake, anything but a valid Hello for our challenge drops
 *   the connection (suspicion against no one: we do not know who it is), and a
 *   frame header announcing more than `helloBytesMax` drops it at once: an
 *   unauthenticated stranger may make us buffer a few KB, never a 1 MiB frame;
 * - connections are capped: `pendingConnectionsMax` before the handshake and
 *   `connectionsMax(n)` in all; past either a new connection is closed unread;
 * - after the handshake, an oversized header, a frame that is not a signed
 *   message, or a message signed by someone other than the authenticated sender
 *   drops the connection with a suspicion against the sender. An honest node
 *   never does any of these, and after an oversized header there is no frame
 *   boundary left;
 * - frames that cost too much (cost-budget.ts: large, or CPU-heavy to decode)
 *   are charged to the authenticated sender, across its reconnections; one that
 *   spends its budget is dropped with a suspicion. Honest large messages
 *   (NEW-VIEW) are rare, so the budget lets a few through;
 * - a well-formed message goes to the core, which verifies its signature and
 *   reports a forgery itself; duplicates and replays of our peers' messages are
 *   harmless there (votes are logged once per signer), so they are not filtered.
 * - A state-transfer message (peer-frame.ts) goes to the runtime, which checks
 *   chunks against their digests and the reassembled reply's signature. It is
 *   charged its decode CPU only, to its own allowance (cost-budget.ts): chunks
 *   are ~256 KB by design, and a size rule would drop an honest replier.
 * - Fragments of a message too big for one frame (message-fragments.ts) are
 *   joined per peer, charged like transfer frames; the joined message is then
 *   decoded and checked like any frame (one costly frame for its size). A peer
 *   whose fragments break the bounds or their digest is dropped and suspected.
 */
import net from "node:net";
import type { NodeId } from "../../spec/messages.js";
import { CostBudget, cpuCheckedBytes } from "./cost-budget.js";
import { FrameDecoder } from "./frame.js";
import {
  type Challenge, checkHello, handshakeMsMax, helloBytesMax, jsonFrame, makeChallenge, splitHello,
} from "./handshake.js";
import { FragmentAssembler } from "./message-fragments.js";
import { decodePeerFrame } from "./peer-frame.js";
import type { Verify } from "./signer.js";
import type { TransportEvents, TransportFault } from "./transport-events.js";

/** Connections that have not completed the handshake, at once. */
export const pendingConnectionsMax = 16;
/** All inbound connections: each peer's current one, one it is replacing, and the pending ones. */
export const connectionsMax = (peers: number): number => 2 * peers + pendingConnectionsMax;

export interface InboundOptions {
  readonly host: string;
  readonly port: number;
  readonly self: NodeId;
  readonly peers: number;
  readonly isPeer: (id: NodeId) => boolean;
  readonly verify: Verify;
  readonly frameBytesMax: number;
  readonly events: TransportEvents;
}

export interface Inbound {
  /** Resumes reading on connections paused because the node's queue was full. */
  resume(): void;
  close(): Promise<void>;
}

interface Books {
  readonly current: Map<NodeId, net.Socket>;
  /** Per authenticated peer, across its reconnections. */
  readonly budgets: Map<NodeId, CostBudget>;
  /** Per authenticated peer: its big message being joined (one at a time, bounded). */
  readonly assemblers: Map<NodeId, FragmentAssembler>;
  readonly paused: Set<net.Socket>;
  readonly pending: Set<net.Socket>;
}

export async function listenInbound(options: InboundOptions): Promise<Inbound> {
  const books: Books = {
    current: new Map(), budgets: new Map(), assemblers: new Map(), paused: new Set(), pending: new Set(),
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    if (books.pending.size >= pendingConnectionsMax || sockets.size >= connectionsMax(options.peers)) {
      const remote = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
      const detail = "connection refused: too many";
      options.events.onSuspicion({ against: null, fault: "capacity", detail, remote, frames: 0 });
      socket.on("error", () => undefined);
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket, options, books);
  });
  server.on("error", () => undefined); // listen errors reject below; later ones cannot stop accepted connections
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    resume: () => {
      for (const socket of books.paused) socket.resume();
      books.paused.clear();
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function serve(socket: net.Socket, options: InboundOptions, books: Books): void {
  const { current, paused, pending } = books;
  const remote = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
  const challenge: Challenge = makeChallenge(options.self);
  let peer: NodeId | null = null;
  let helloBytes = Buffer.alloc(0);
  let decoder: FrameDecoder | null = null;
  pending.add(socket);
  const reject = (fault: TransportFault, detail: string, frames = 1): void => {
    options.events.onSuspicion({ against: peer, fault, detail, remote, frames });
    socket.destroy();
  };
  const timer = setTimeout(() => reject("handshake", `no hello within ${handshakeMsMax} ms`, 0), handshakeMsMax);
  socket.on("error", () => undefined); // a reset peer is normal; "close" follows
  socket.on("close", () => {
    clearTimeout(timer);
    pending.delete(socket);
    paused.delete(socket);
    if (peer !== null && current.get(peer) === socket) {
      current.delete(peer);
      options.events.onLink({ peer, direction: "in", up: false });
    }
  });
  socket.write(jsonFrame(challenge));
  const budgetOf = (from: NodeId): CostBudget => {
    let budget = books.budgets.get(from);
    if (budget === undefined) books.budgets.set(from, budget = new CostBudget());
    return budget;
  };
  const assemblerOf = (from: NodeId): FragmentAssembler => {
    let assembler = books.assemblers.get(from);
    if (assembler === undefined) books.assemblers.set(from, assembler = new FragmentAssembler());
    return assembler;
  };
  // A frame's decode CPU (cost-budget.ts) is read with getrusage only above the size where it can count: two
  // syscalls per frame were 3-4% of a node's time. Below it the wall clock is used, which is cheap and never less
  // than the CPU a synchronous decode took (it only matters there for a transfer frame's charge).
  const decodeTimed = (frame: Uint8Array): { decoded: ReturnType<typeof decodePeerFrame>; decodeMs: number } => {
    if (frame.length <= cpuCheckedBytes) {
      const started = performance.now();
      const decoded = decodePeerFrame(frame);
      return { decoded, decodeMs: performance.now() - started };
    }
    const started = process.cpuUsage();
    const decoded = decodePeerFrame(frame);
    const spent = process.cpuUsage(started);
    return { decoded, decodeMs: (spent.user + spent.system) / 1000 };
  };
  const onFrames = (frames: readonly Uint8Array[]): void => {
    for (const received of frames) {
      if (socket.destroyed || peer === null) return;
      let frame = received;
      let { decoded, decodeMs } = decodeTimed(frame);
      if (!decoded.ok) return reject("garbage", decoded.error);
      if (decoded.value.kind === "transfer") {
        // Not the costly-frame count: honest catch-ups stream many large chunks (cost-budget.ts).
        const transfer = decoded.value.message;
        const overspent = budgetOf(peer).chargeTransfer(frame.length, decodeMs, Date.now());
        if (overspent !== null) return reject("costly", `${transfer.kind}: ${overspent}`);
        if (transfer.kind !== "MessageFragment") {
          options.events.onTransfer(peer, transfer);
          continue;
        }
        const step = assemblerOf(peer).push(transfer);
        if (step.kind === "bad") return reject("garbage", `MessageFragment: ${step.reason}`);
        if (step.kind !== "complete") continue;
        frame = step.payload;
        ({ decoded, decodeMs } = decodeTimed(frame));
        if (!decoded.ok) return reject("garbage", decoded.error);
        if (decoded.value.kind !== "protocol") return reject("garbage", "fragments joined into a non-protocol message");
      }
      const message = decoded.value.message;
      if (message.signer !== peer) return reject("wrong-signer", `${message.body.kind} signed by ${message.signer}`);
      const overspent = budgetOf(peer).charge(frame.length, decodeMs, Date.now());
      if (overspent !== null) return reject("costly", `${message.body.kind}: ${overspent}`);
      if (!options.events.onMessage(peer, message) && !paused.has(socket)) {
        paused.add(socket);
        socket.pause();
      }
    }
  };
  socket.on("data", (chunk: Buffer) => {
    options.events.onBytes?.("in", chunk.length);
    if (decoder === null) {
      helloBytes = Buffer.concat([helloBytes, chunk]);
      const split = splitHello(helloBytes);
      if (split.kind === "more") return;
      if (split.kind === "oversized") {
        const limit = `at most ${helloBytesMax} before the handshake`;
        return reject("oversized", `hello frame announces ${split.length} bytes (${limit})`);
      }
      const hello = checkHello(split.hello, challenge, options.isPeer, options.verify);
      if (!hello.ok) return reject("handshake", hello.error);
      peer = hello.value;
      clearTimeout(timer);
      pending.delete(socket);
      current.get(peer)?.destroy(); // the peer reconnected: its old connection is dead to it
      current.set(peer, socket);
      options.events.onLink({ peer, direction: "in", up: true });
      decoder = new FrameDecoder(options.frameBytesMax);
      helloBytes = Buffer.alloc(0);
      chunk = Buffer.from(split.rest);
    }
    const pushed = decoder.push(chunk);
    onFrames(pushed.frames);
    if (pushed.error !== null && !socket.destroyed) {
      reject("oversized", `frame header announces ${pushed.error.length} bytes`);
    }
  });
}
