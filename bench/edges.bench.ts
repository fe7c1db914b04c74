/**
 * What hostile connections cost a node (issue 15, part 5): `npm run bench -- edges`.
 * One participant runs as its own process on loopback (stopped at the end, as is every
 * socket); its RSS and CPU are read from its own /metrics (process_* series).
 *
 * 1. 1,000 strangers each announce a 1 MiB frame and send 64 KiB of it, without a
 *    hello: how many stay open, and the node's RSS growth (before the limits: +576 MB).
 * 2. An authenticated peer (P1's key) streams 1 MiB schema-valid signed frames: how
 *    many the node decodes before it drops the link, and the CPU that cost.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeClusterFiles } from "../impl/net/cluster/cluster-files.js";
import { encodeMessageFrame } from "../impl/net/frame.js";
import { getJson } from "../impl/net/http-json.js";
import { keyDirOf, loadPrivateKey } from "../impl/net/keys.js";
import { NodeProcesses } from "../impl/net/cluster/node-processes.js";
import { makeSigner } from "../impl/net/signer.js";
import { asDigest, asNodeId, asSeq, asView } from "../spec/ids.js";

const strangers = 1_000;
const mib = 1024 * 1024;

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "byzcommit-edges-"));
  const sockets: net.Socket[] = [];
  let processes: NodeProcesses | null = null;
  try {
    const files = await writeClusterFiles(dir,
      { n: 4, f: 1, tickMs: 100, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 40, relay: false });
    if (!files.ok) throw new Error(files.error);
    const { configFile, cluster } = files.value;
    processes = new NodeProcesses(configFile, dir, new Map());
    const ready = await processes.start("P0");
    const url = ready.http ?? "";
    const port = cluster.nodes[0]?.port ?? 0;
    const rssBefore = await metric(url, "process_resident_memory_bytes");
    const header = Buffer.alloc(4);
    header.writeUInt32BE(mib);
    const closed = await Promise.all(Array.from({ length: strangers }, () => flood(port, header, sockets)));
    const rssAfter = await metric(url, "process_resident_memory_bytes");
    const key = loadPrivateKey(keyDirOf(configFile, cluster), "P1");
    if (!key.ok) throw new Error(key.error);
    const cpuBefore = await cpuSeconds(url);
    const costly = await streamCostly(port, makeSigner(asNodeId(1), key.value), sockets);
    const cpuMs = (await cpuSeconds(url) - cpuBefore) * 1000;
    const metrics = await getJson(`${url}/metrics`);
    const lines = metrics.ok ? metrics.text.split("\n") : [];
    const rejected = lines.filter((l) => l.startsWith("byzcommit_frames_rejected_total{"));
    console.table([{
      strangers, "closed by the node": closed.filter((c) => c).length,
      "still open after 5 s": closed.filter((c) => !c).length,
      "RSS growth (MB)": Math.round((rssAfter - rssBefore) / 1e6),
    }]);
    console.table([{ "1 MiB frames sent before the drop": costly.frames,
      "node CPU while they were sent (ms)": Math.round(cpuMs), "link dropped": costly.dropped }]);
    console.log(rejected.join("\n"));
  } finally {
    for (const socket of sockets) socket.destroy();
    await processes?.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function metric(url: string, name: string): Promise<number> {
  const response = await getJson(`${url}/metrics`);
  const line = response.ok ? response.text.split("\n").find((l) => l.startsWith(`${name} `)) : undefined;
  return Number(line?.split(" ")[1] ?? Number.NaN);
}

async function cpuSeconds(url: string): Promise<number> {
  return await metric(url, "process_cpu_user_seconds_total") + await metric(url, "process_cpu_system_seconds_total");
}

/** A stranger: header for 1 MiB, then 64 KiB of payload; resolves true if the node closed it within 5 s. */
function flood(port: number, header: Buffer, sockets: net.Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    sockets.push(socket);
    socket.on("error", () => undefined);
    socket.resume();
    const timer = setTimeout(() => resolve(false), 5_000);
    socket.once("close", () => { clearTimeout(timer); resolve(true); });
    socket.once("connect", () => socket.write(Buffer.concat([header, Buffer.alloc(64 * 1024, 0x20)])));
  });
}

/** P1 after its hello: 1 MiB PREPAREs, signed in advance, until the node drops the link (or 64 of them). */
async function streamCostly(port: number, sign: ReturnType<typeof makeSigner>, sockets: net.Socket[]):
  Promise<{ frames: number; dropped: boolean }> {
  const socket = net.connect({ host: "127.0.0.1", port });
  sockets.push(socket);
  socket.on("error", () => undefined);
  const challenge = await new Promise<{ node: number; nonce: string }>((resolve) => {
    socket.once("data", (chunk: Buffer) => {
      resolve(JSON.parse(chunk.subarray(4).toString("utf8")) as { node: number; nonce: string });
    });
  });
  let dropped = false;
  socket.once("close", () => { dropped = true; });
  const signedHello = sign({ kind: "Hello", from: 1, to: challenge.node, nonce: challenge.nonce });
  const hello = Buffer.from(JSON.stringify(signedHello));
  const helloHeader = Buffer.alloc(4);
  helloHeader.writeUInt32BE(hello.length);
  socket.write(Buffer.concat([helloHeader, hello]));
  const prepared = Array.from({ length: 64 }, (_, i) =>
    encodeMessageFrame(sign({
      kind: "Prepare" as const, view: asView(0), seq: asSeq(i + 1), digest: asDigest("d".repeat(mib - 200)),
    })));
  let frames = 0;
  for (const frame of prepared) {
    if (dropped) break;
    frames += 1;
    await new Promise<void>((resolve) => socket.write(frame, () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { frames, dropped };
}
