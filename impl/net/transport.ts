/**
 * The node's transport: one inbound listener, one outbound link per peer.
 * A peer is every participant and the coordinator other than ourselves; the
 * client speaks HTTP to the coordinator and never opens a protocol connection.
 */
import { coordinatorId, participantIds, type ProtocolConfig } from "../../spec/config.js";
import type { NodeId } from "../../spec/messages.js";
import { addressOf, type ClusterConfig } from "./cluster-config.js";
import { listenInbound, type Inbound } from "./inbound.js";
import { PeerLink } from "./peer-link.js";
import type { Sign, Verify } from "./signer.js";
import type { TransportEvents } from "./transport-events.js";

export interface Transport {
  /** `mark`: the seq of the message the frame carries, if any (peer-link.ts keeps it for a reconnect until h
   * passes). */
  send(to: NodeId, frame: Uint8Array, mark?: number | null): void;
  resume(): void;
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly cluster: ClusterConfig;
  readonly protocol: ProtocolConfig;
  readonly self: NodeId;
  readonly sign: Sign;
  readonly verify: Verify;
  readonly frameBytesMax: number;
  readonly events: TransportEvents;
  /** The node's low watermark, for the links' rings (frame-ring.ts). */
  readonly lowWatermark?: () => number;
}

export async function startTransport(options: TransportOptions): Promise<Transport> {
  const { cluster, protocol, self, events } = options;
  const isPeer = (id: NodeId): boolean =>
    Number.isInteger(id) && id >= 0 && id <= coordinatorId(protocol) && id !== self;
  const own = addressOf(cluster, self);
  const inbound: Inbound = await listenInbound({
    host: own.listenHost ?? own.host, port: own.port, self, isPeer, peers: coordinatorId(protocol),
    verify: options.verify, frameBytesMax: options.frameBytesMax, events,
  });
  const links = new Map<NodeId, PeerLink>();
  for (const peer of [...participantIds(protocol), coordinatorId(protocol)]) {
    if (peer === self) continue;
    const address = addressOf(cluster, peer);
    links.set(peer, new PeerLink({
      self, peer, host: address.host, port: address.relayPort ?? address.port, sign: options.sign,
      onUp: (up) => events.onLink({ peer, direction: "out", up }),
      onBytesSent: (bytes) => events.onBytes?.("out", bytes),
      ...(options.lowWatermark === undefined ? {} : { lowWatermark: options.lowWatermark }),
    }));
  }
  return {
    send: (to, frame, mark) => links.get(to)?.send(frame, mark ?? null),
    resume: () => inbound.resume(),
    close: async () => {
      for (const link of links.values()) link.close();
      await inbound.close();
    },
  };
}
