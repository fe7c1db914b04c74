/**
 * Cost per txn over a long run (`npm run bench -- soak [--txns 20000] [--max-seconds 1500] [--every 1000]
 * [--kept-max 1000] [--batch-size 16] [--batch-delay-ms 5] [--expires-after 256] [--concurrency 32]`):
 * the real runtime on loopback (n = 4, f = 1, signed TCP, LMDB, no relay, no
 * faults), the cluster workload through the client library (client.ts), and every
 * `--every` acknowledged txns a sample of every node process from /proc
 * (proc-sample.ts). Each row is one window of txns: txn/s, CPU ms per txn (all
 * five processes), txns per seq (how full C's batches were), bytes written per txn (all five), and the largest
 * participant's RSS at the window's end. Flat rows are the goal (issue #15):
 * nothing per txn should grow with history. The last lines judge flatness
 * (`flatness`, below, states the criterion) and print a verdict. Before them, what
 * each node holds per window (soak-diagnosis.ts: heap, buffers, RSS by kind, store
 * size; P0's and C's state lists and store keys) and which of those rise.
 *
 * `--expires-after` (seqs; 0 for none): the client signs each txn with an expiry that
 * many seqs past the coordinator's next (client.ts), so the replicas' outcome tables
 * and C's core replies, the at-most-once memory, are pruned as the run goes
 * (impl/core/replica.ts). `--batch-size` and `--batch-delay-ms` are the protocol's
 * batching (batch-gatherer.ts); 1 for none.
 *
 * `--kept-max` is the cluster's `outcomesKeptMax` (outcome-retention.ts): decided txns'
 * records at C and confirmations at each participant beyond it are pruned, so a run of
 * 20 k txns shows what the default (100 k, an hour) shows only after 100 k.
 *
 * Bounded: the workload stops at `--max-seconds` whatever the count, and every
 * process is stopped in `finally`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeClusterFiles } from "../impl/net/cluster/cluster-files.js";
import {
  checkpointIntervalFor, clusterClient, viewChangeTicksDefault, windowSizeFor,
} from "../impl/net/cluster/cluster-run.js";
import { NodeProcesses } from "../impl/net/cluster/node-processes.js";
import { runWorkload } from "../impl/net/cluster/workload.js";
import { getJson } from "../impl/net/http-json.js";
import { sampleProcess, type ProcSample } from "./proc-sample.js";
import {
  heldTable, memoryTable, parseMetrics, risingSeries, type DiagnosisWindow, type NodeHeld,
} from "./soak-diagnosis.js";
import { flatness, type SoakRow } from "./soak-flatness.js";

interface Window {
  readonly acknowledged: number;
  readonly at: number;
  readonly nodes: readonly (ProcSample | null)[];
  /**
   * The at-most-once memory at the window's end: P0's outcome records and C's core replies (GET /status); C's next
   * seq, for the txns per seq (batch fullness: CPU per txn falls as batches fill, whatever the history).
   */
  readonly held: Promise<{ readonly outcomes: number; readonly replies: number; readonly nextSeq: number }>;
  /** What each node holds (soak-diagnosis.ts). */
  readonly diagnosis: Promise<NodeHeld[]>;
}

/** A node's GET /metrics, parsed; empty when it does not answer. */
async function metricsOf(url: string): Promise<Map<string, number>> {
  const answer = await getJson(`${url}/metrics`);
  return answer.ok && answer.status === 200 ? parseMetrics(answer.text) : new Map();
}

/** Bytes on disk of the LMDB data files in `dirs` (absent ones count 0). */
function storeBytes(dirs: readonly string[]): number {
  return dirs.reduce((total, dir) => {
    try {
      return total + statSync(path.join(dir, "data.mdb")).blocks * 512;
    } catch {
      return total;
    }
  }, 0);
}

/** A number field of a node's GET /status, or -1 when it does not answer. */
async function statusField(url: string, field: string): Promise<number> {
  const status = await getJson(`${url}/status`);
  const value = status.ok && status.status === 200 ? (status.body as Record<string, unknown>)[field] : undefined;
  return typeof value === "number" ? value : -1;
}

interface SoakOptions {
  readonly txns: number;
  readonly maxSeconds: number;
  readonly every: number;
  readonly concurrency: number;
  readonly keptMax: number;
  readonly batchSize: number;
  readonly batchDelayMs: number;
  /** Seqs past C's next seq that each txn's signed expiry lies; 0: no expiry. */
  readonly expiresAfter: number;
}

function options(): SoakOptions {
  const { values } = parseArgs({
    args: process.argv.slice(3), strict: true,
    options: {
      txns: { type: "string" }, "max-seconds": { type: "string" },
      every: { type: "string" }, concurrency: { type: "string" }, "kept-max": { type: "string" },
      "batch-size": { type: "string" }, "batch-delay-ms": { type: "string" }, "expires-after": { type: "string" },
    },
  });
  const number = (text: string | undefined, fallback: number, name: string, min = 1): number => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`--${name}: expected an integer of at least ${min}, got ${text}`);
    }
    return value;
  };
  return {
    txns: number(values.txns, 20_000, "txns"), maxSeconds: number(values["max-seconds"], 1_500, "max-seconds"),
    every: number(values.every, 1_000, "every"), concurrency: number(values.concurrency, 32, "concurrency"),
    keptMax: number(values["kept-max"], 1_000, "kept-max"),
    batchSize: number(values["batch-size"], 16, "batch-size"),
    batchDelayMs: number(values["batch-delay-ms"], 5, "batch-delay-ms", 0),
    expiresAfter: number(values["expires-after"], 256, "expires-after", 0),
  };
}

export async function run(): Promise<void> {
  const { txns, maxSeconds, every, concurrency, keptMax, batchSize, batchDelayMs, expiresAfter } = options();
  const dir = mkdtempSync(path.join(tmpdir(), "byzcommit-soak-"));
  const windowSize = windowSizeFor(concurrency);
  const files = await writeClusterFiles(dir, {
    n: 4, f: 1, tickMs: 250, relay: false, windowSize, checkpointInterval: checkpointIntervalFor(windowSize),
    viewChangeTicks: viewChangeTicksDefault,
    ...(batchSize > 1 ? { batch: { size: batchSize, delayMs: batchDelayMs } } : {}),
  });
  if (!files.ok) throw new Error(files.error);
  const configFile = files.value.configFile;
  const written = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  writeFileSync(configFile, `${JSON.stringify({ ...written, outcomesKeptMax: keptMax }, null, 2)}\n`);
  const names = files.value.cluster.nodes.map((node) => node.id);
  const urlOf = (id: string): string => {
    const node = files.value.cluster.nodes.find((n) => n.id === id);
    return `http://${node?.host ?? "127.0.0.1"}:${node?.httpPort ?? 0}`;
  };
  const held = async (): Promise<{ outcomes: number; replies: number; nextSeq: number }> => {
    const [outcomes, replies, nextSeq] = await Promise.all([statusField(urlOf("P0"), "executedTxns"),
      statusField(urlOf("C"), "replies"), statusField(urlOf("C"), "nextSeq")]);
    return { outcomes, replies, nextSeq };
  };
  const processes = new NodeProcesses(files.value.configFile, dir, new Map());
  const windows: Window[] = [];
  const dataDir = path.join(dir, "data");
  const sample = (acknowledged: number): void => {
    const nodes = names.map((name) => {
      const pid = processes.pid(name);
      return pid === undefined ? null : sampleProcess(pid);
    });
    const diagnosis = Promise.all(names.map(async (name, i) => ({
      name, proc: nodes[i] ?? null, metrics: await metricsOf(urlOf(name)),
      storeBytes: storeBytes([path.join(dataDir, name), path.join(dataDir, `${name}-txns`)]),
    })));
    windows.push({ acknowledged, at: performance.now(), nodes, held: held(), diagnosis });
  };
  try {
    await Promise.all(names.map((name) => processes.start(name)));
    console.log(`soak: ${txns} txns, concurrency ${concurrency}, W = ${windowSize}, outcomes kept ${keptMax}, ` +
      `batch ${batchSize} (${batchDelayMs} ms), expiry ${expiresAfter === 0 ? "none" : `${expiresAfter} seqs`}, ` +
      `at most ${maxSeconds} s, a row every ${every}`);
    sample(0);
    const result = await runWorkload({
      client: clusterClient(files.value.configFile, expiresAfter === 0 ? undefined : expiresAfter), txns,
      concurrency, deadline: Date.now() + maxSeconds * 1000,
      onAcknowledged: (count) => { if (count % every === 0) sample(count); },
    });
    if (result.acknowledged.size % every !== 0) sample(result.acknowledged.size);
    await report(windows, names);
    console.log(`acknowledged ${result.acknowledged.size} of ${txns} in ${(result.wallMs / 1000).toFixed(1)} s` +
      `${result.stalled ? " (stalled)" : ""}; undecided ${result.undecided.length}`);
  } finally {
    await processes.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Nodes = readonly (ProcSample | null)[];

const sum = (nodes: Nodes, field: keyof ProcSample): number =>
  nodes.reduce((total, node) => total + (node?.[field] ?? 0), 0);

function perTxnKb(before: Nodes, after: Nodes, field: "writtenBytes" | "diskWrittenBytes", count: number): number {
  return Number(((sum(after, field) - sum(before, field)) / count / 1024).toFixed(1));
}

async function report(windows: readonly Window[], names: readonly string[]): Promise<void> {
  const rows: (SoakRow & Record<string, number>)[] = [];
  const coordinator = names.indexOf("C");
  for (let i = 1; i < windows.length; i++) {
    const before = windows[i - 1] as Window;
    const after = windows[i] as Window;
    const count = after.acknowledged - before.acknowledged;
    if (count <= 0) continue;
    const participants = after.nodes.filter((_, k) => k !== coordinator);
    const seqs = (await after.held).nextSeq - (await before.held).nextSeq;
    rows.push({
      "txns to": after.acknowledged,
      "txn/s": Number((count / ((after.at - before.at) / 1000)).toFixed(1)),
      "CPU ms/txn": Number(((sum(after.nodes, "cpuMs") - sum(before.nodes, "cpuMs")) / count).toFixed(2)),
      "txns/seq": seqs > 0 ? Number((count / seqs).toFixed(1)) : 0,
      "KB written/txn": perTxnKb(before.nodes, after.nodes, "writtenBytes", count),
      "C KB written/txn": perTxnKb([before.nodes[coordinator] ?? null], [after.nodes[coordinator] ?? null],
        "writtenBytes", count),
      "KB to disk/txn": perTxnKb(before.nodes, after.nodes, "diskWrittenBytes", count),
      "max P RSS MB": Number((Math.max(...participants.map((n) => n?.rssBytes ?? 0)) / 2 ** 20).toFixed(1)),
      "C RSS MB": Number(((after.nodes[coordinator]?.rssBytes ?? 0) / 2 ** 20).toFixed(1)),
      "P0 outcomes held": (await after.held).outcomes,
      "C replies held": (await after.held).replies,
    });
  }
  console.table(rows);
  await diagnose(windows);
  const judged = flatness(rows);
  for (const line of judged.lines) console.log(line);
  console.log(judged.verdict);
}

/** What the nodes held, window by window, and which of it rises (soak-diagnosis.ts). */
async function diagnose(windows: readonly Window[]): Promise<void> {
  const held: DiagnosisWindow[] = await Promise.all(windows.map(async (w) => ({
    acknowledged: w.acknowledged, nodes: await w.diagnosis,
  })));
  console.log("memory per node, MB: V8 heap used / heap committed / ArrayBuffers / RSS anonymous / RSS file-backed / " +
    "store on disk");
  console.table(memoryTable(held));
  for (const name of ["P0", "C"]) {
    console.log(`items ${name} holds (state lists, store keys)`);
    console.table(heldTable(held, name));
  }
  const rising = risingSeries(held);
  console.log(rising.length === 0 ? "rising over the second half: nothing" : "rising over the second half:");
  for (const line of rising) console.log(`  ${line}`);
}
