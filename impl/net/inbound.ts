/**
 * The listening side of the transport: every peer dials us and sends its
 * messages on that connection; we only ever send the handshake challenge back.
 *
 * Bytes are untrusted until they decode (STYLE.md "Schemas at the edges"):
 * - before the handshake, anything but a valid Hello for our challenge drops
 *   the connection (suspicion against no one: we do not know who it is);
 * - after it, an oversized header, a frame that is not a signed message, or a
 *   message signed by someone other than the authenticated sender drops the
 *   connection with a suspicion against the sender. An honest node never does
 *   any of these, and after an oversized header there is no frame boundary left.
 * - A well-formed message goes to the core, which verifies its signature and
 *   reports a forgery itself; duplicates and replays of our peers' messages are
 *   harmless there (votes are logged once per signer), so they are not filtered.
 * - A state-transfer message (peer-frame.ts) goes to the runtime, which checks
 *   chunks against their digests and the reassembled reply's signature.
 */
import net from "node:net";
import type { NodeId } from "../../spec/messages.js";
import { FrameDecoder } from "./frame.js";
import { decodePeerFrame } from "./peer-frame.js";
import { type Challenge, checkHello, handshakeMsMax, jsonFrame, makeChallenge } from "./handshake.js";
import type { Verify } from "./signer.js";
import type { TransportEvents, TransportFault } from "./transport-events.js";

export interface InboundOptions {
  readonly host: string;
  readonly port: number;
  readonly self: NodeId;
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

export async function listenInbound(options: InboundOptions): Promise<Inbound> {
  const current = new Map<NodeId, net.Socket>();
  const paused = new Set<net.Socket>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket, options, current, paused);
  });
  server.on("error", () => undefined); // listen errors reject below; later ones cannot stop accepted connections
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    resume: () => {
      for (const socket of paused) socket.resume();
      paused.clear();
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function serve(socket: net.Socket, options: InboundOptions, current: Map<NodeId, net.Socket>, paused: Set<net.Socket>): void {
  const remote = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
  const decoder = new FrameDecoder(options.frameBytesMax);
  const challenge: Challenge = makeChallenge(options.self);
  let peer: NodeId | null = null;
  const reject = (fault: TransportFault, detail: string): void => {
    options.events.onSuspicion({ against: peer, fault, detail, remote });
    socket.destroy();
  };
  const timer = setTimeout(() => reject("handshake", `no hello within ${handshakeMsMax} ms`), handshakeMsMax);
  socket.on("error", () => undefined); // a reset peer is normal; "close" follows
  socket.on("close", () => {
    clearTimeout(timer);
    paused.delete(socket);
    if (peer !== null && current.get(peer) === socket) {
      current.delete(peer);
      options.events.onLink({ peer, direction: "in", up: false });
    }
  });
  socket.write(jsonFrame(challenge));
  socket.on("data", (chunk: Buffer) => {
    const pushed = decoder.push(chunk);
    for (const frame of pushed.frames) {
      if (socket.destroyed) return;
      if (peer === null) {
        const hello = checkHello(frame, challenge, options.isPeer, options.verify);
        if (!hello.ok) return reject("handshake", hello.error);
        peer = hello.value;
        clearTimeout(timer);
        current.get(peer)?.destroy(); // the peer reconnected: its old connection is dead to it
        current.set(peer, socket);
        options.events.onLink({ peer, direction: "in", up: true });
        continue;
      }
      const decoded = decodePeerFrame(frame);
      if (!decoded.ok) return reject("garbage", decoded.error);
      if (decoded.value.kind === "transfer") {
        options.events.onTransfer(peer, decoded.value.message);
        continue;
      }
      const message = decoded.value.message;
      if (message.signer !== peer) return reject("wrong-signer", `${message.body.kind} signed by ${message.signer}`);
      if (!options.events.onMessage(peer, message) && !paused.has(socket)) {
        paused.add(socket);
        socket.pause();
      }
    }
    if (pushed.error !== null) reject("oversized", `frame header announces ${pushed.error.length} bytes`);
  });
}
