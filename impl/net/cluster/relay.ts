/**
 * The fault-injecting relay of a test cluster. For each node B it listens on
 * B's `relayPort`; peers dial that instead of B's `port` (cluster-config.ts),
 * and each accepted connection is paired with a fresh one to B.
 *
 * B -> dialer (the handshake challenge) is piped untouched. Dialer -> B is cut
 * into frames: the first (the Hello, which names the dialer) passes untouched;
 * every later frame meets the link's fate (link-faults.ts). When either side
 * closes, so does the other, so a killed node looks killed to its peers.
 *
 * A partition (`partition(groups)`) drops every frame between nodes of
 * different groups, in both directions, until `partition(null)` heals it.
 * Connections stay up: a partition here is silence, as a real one looks to TCP
 * until keep-alives fire; the handshake still passes, so a healed link works at once.
 */
import net from "node:net";
import { encodeFrame, FrameDecoder, frameBytesMax } from "../frame.js";
import { frameFate, linkRandom, noFaults, type LinkFaults, type RandomSource } from "./link-faults.js";

export interface RelayRoute {
  readonly to: number;
  readonly listenPort: number;
  readonly targetPort: number;
}

export interface RelayStats {
  forwarded: number;
  dropped: number;
  duplicated: number;
  /** Frames dropped because a partition separated their ends. */
  partitioned: number;
}

export interface Relay {
  readonly stats: RelayStats;
  /** Node ids in groups: frames between groups are dropped; null heals. */
  partition(groups: readonly (readonly number[])[] | null): void;
  close(): Promise<void>;
}

/** Whether a partition separates `from` and `to`: true when they are in different groups. */
export type Cut = (from: number, to: number) => boolean;

export async function startRelay(
  host: string, routes: readonly RelayRoute[], faults: LinkFaults, seed: number,
): Promise<Relay> {
  const stats: RelayStats = { forwarded: 0, dropped: 0, duplicated: 0, partitioned: 0 };
  let groupOf: ReadonlyMap<number, number> | null = null;
  const cut: Cut = (from, to) => groupOf !== null && groupOf.get(from) !== groupOf.get(to);
  const randoms = new Map<string, RandomSource>();
  const random = (from: number, to: number): RandomSource => {
    const key = `${from}>${to}`;
    let found = randoms.get(key);
    if (found === undefined) randoms.set(key, found = linkRandom(seed, from, to));
    return found;
  };
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): net.Socket => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    return socket;
  };
  const servers = await Promise.all(routes.map((route) => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer((downstream) => {
      const upstream = track(net.connect({ host, port: route.targetPort }));
      track(downstream);
      pair(downstream, upstream, route.to, faults, random, stats, cut);
    });
    server.once("error", reject);
    server.listen(route.listenPort, host, () => resolve(server));
  })));
  return {
    stats,
    partition: (groups) => {
      groupOf = groups === null ? null : new Map(groups.flatMap((group, g) => group.map((id) => [id, g] as const)));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

function pair(downstream: net.Socket, upstream: net.Socket, to: number, faults: LinkFaults,
  random: (from: number, to: number) => RandomSource, stats: RelayStats, cut: Cut): void {
  downstream.on("close", () => upstream.destroy());
  upstream.on("close", () => downstream.destroy());
  upstream.on("data", (chunk: Buffer) => downstream.write(chunk));
  const decoder = new FrameDecoder(frameBytesMax);
  let from: number | null = null;
  const write = (frame: Uint8Array): void => {
    if (!upstream.destroyed) upstream.write(encodeFrame(frame, { payloadBytesMax: frameBytesMax }));
  };
  downstream.on("data", (chunk: Buffer) => {
    const pushed = decoder.push(chunk);
    for (const frame of pushed.frames) {
      if (from === null) {
        from = helloSender(frame);
        write(frame);
        continue;
      }
      if (from >= 0 && cut(from, to)) {
        stats.partitioned += 1;
        continue;
      }
      const delays = frameFate(from < 0 ? noFaults : faults, random(from, to));
      if (delays.length === 0) stats.dropped += 1;
      if (delays.length > 1) stats.duplicated += 1;
      stats.forwarded += delays.length;
      for (const delay of delays) {
        if (delay <= 0) write(frame);
        else setTimeout(() => write(frame), delay);
      }
    }
    if (pushed.error !== null) downstream.destroy();
  });
}

/** The dialer's id from its Hello (unverified: the relay is test plumbing; the node checks the signature). */
function helloSender(frame: Uint8Array): number {
  try {
    const from: unknown = JSON.parse(Buffer.from(frame).toString("utf8"))?.body?.from;
    return typeof from === "number" ? from : -1;
  } catch {
    return -1;
  }
}
