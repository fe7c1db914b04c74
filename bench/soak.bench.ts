/**
 * Cost per txn over a long run
 * (`npm run bench -- soak [--txns 20000] [--max-seconds 900] [--every 1000] [--kept-max 1000]`):
 * the real runtime on loopback (n = 4, f = 1, signed TCP, LMDB, no relay, no
 * faults), the cluster workload through the client library (client.ts), and every
 * `--every` acknowledged txns a sample of every node process from /proc
 * (proc-sample.ts). Each row is one window of txns: txn/s, CPU ms per txn (all
 * five processes), bytes written per txn (all five), and the largest
 * participant's RSS at the window's end. Flat rows are the goal (issue #15):
 * nothing per txn should grow with history. The last line compares the first
 * window with the last.
 *
 * `--kept-max` is the cluster's `outcomesKeptMax` (outcome-retention.ts): decided txns'
 * records at C and confirmations at each participant beyond it are pruned, so a run of
 * 20 k txns shows what the default (100 k, an hour) shows only after 100 k.
 *
 * Bounded: the workload stops at `--max-seconds` whatever the count, and every
 * process is stopped in `finally`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeClusterFiles } from "../impl/net/cluster/cluster-files.js";
import {
  checkpointIntervalFor, clusterClient, viewChangeTicksDefault, windowSizeFor,
} from "../impl/net/cluster/cluster-run.js";
import { NodeProcesses } from "../impl/net/cluster/node-processes.js";
import { runWorkload } from "../impl/net/cluster/workload.js";
import { sampleProcess, type ProcSample } from "./proc-sample.js";

interface Window {
  readonly acknowledged: number;
  readonly at: number;
  readonly nodes: readonly (ProcSample | null)[];
}

function options(): { txns: number; maxSeconds: number; every: number; concurrency: number; keptMax: number } {
  const { values } = parseArgs({
    args: process.argv.slice(3), strict: true,
    options: {
      txns: { type: "string" }, "max-seconds": { type: "string" },
      every: { type: "string" }, concurrency: { type: "string" }, "kept-max": { type: "string" },
    },
  });
  const number = (text: string | undefined, fallback: number, name: string): number => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`--${name}: expected a positive integer, got ${text}`);
    }
    return value;
  };
  return {
    txns: number(values.txns, 20_000, "txns"), maxSeconds: number(values["max-seconds"], 900, "max-seconds"),
    every: number(values.every, 1_000, "every"), concurrency: number(values.concurrency, 32, "concurrency"),
    keptMax: number(values["kept-max"], 1_000, "kept-max"),
  };
}

export async function run(): Promise<void> {
  const { txns, maxSeconds, every, concurrency, keptMax } = options();
  const dir = mkdtempSync(path.join(tmpdir(), "byzcommit-soak-"));
  const windowSize = windowSizeFor(concurrency);
  const files = await writeClusterFiles(dir, {
    n: 4, f: 1, tickMs: 250, relay: false, windowSize, checkpointInterval: checkpointIntervalFor(windowSize),
    viewChangeTicks: viewChangeTicksDefault,
  });
  if (!files.ok) throw new Error(files.error);
  const configFile = files.value.configFile;
  const written = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  writeFileSync(configFile, `${JSON.stringify({ ...written, outcomesKeptMax: keptMax }, null, 2)}\n`);
  const names = files.value.cluster.nodes.map((node) => node.id);
  const processes = new NodeProcesses(files.value.configFile, dir, new Map());
  const windows: Window[] = [];
  const sample = (acknowledged: number): void => {
    windows.push({ acknowledged, at: performance.now(), nodes: names.map((name) => {
      const pid = processes.pid(name);
      return pid === undefined ? null : sampleProcess(pid);
    }) });
  };
  try {
    await Promise.all(names.map((name) => processes.start(name)));
    console.log(`soak: ${txns} txns, concurrency ${concurrency}, W = ${windowSize}, outcomes kept ${keptMax}, ` +
      `at most ${maxSeconds} s, a row every ${every}`);
    sample(0);
    const result = await runWorkload({
      client: clusterClient(files.value.configFile), txns, concurrency, deadline: Date.now() + maxSeconds * 1000,
      onAcknowledged: (count) => { if (count % every === 0) sample(count); },
    });
    if (result.acknowledged.size % every !== 0) sample(result.acknowledged.size);
    report(windows, names);
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

function report(windows: readonly Window[], names: readonly string[]): void {
  const rows = [];
  const coordinator = names.indexOf("C");
  for (let i = 1; i < windows.length; i++) {
    const before = windows[i - 1] as Window;
    const after = windows[i] as Window;
    const count = after.acknowledged - before.acknowledged;
    if (count <= 0) continue;
    const participants = after.nodes.filter((_, k) => k !== coordinator);
    rows.push({
      "txns to": after.acknowledged,
      "txn/s": Number((count / ((after.at - before.at) / 1000)).toFixed(1)),
      "CPU ms/txn": Number(((sum(after.nodes, "cpuMs") - sum(before.nodes, "cpuMs")) / count).toFixed(2)),
      "KB written/txn": perTxnKb(before.nodes, after.nodes, "writtenBytes", count),
      "C KB written/txn": perTxnKb([before.nodes[coordinator] ?? null], [after.nodes[coordinator] ?? null],
        "writtenBytes", count),
      "KB to disk/txn": perTxnKb(before.nodes, after.nodes, "diskWrittenBytes", count),
      "max P RSS MB": Number((Math.max(...participants.map((n) => n?.rssBytes ?? 0)) / 2 ** 20).toFixed(1)),
      "C RSS MB": Number(((after.nodes[coordinator]?.rssBytes ?? 0) / 2 ** 20).toFixed(1)),
    });
  }
  console.table(rows);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first !== undefined && last !== undefined && rows.length > 1) {
    const ratio = (key: "txn/s" | "CPU ms/txn" | "KB written/txn"): string => (last[key] / first[key]).toFixed(2);
    console.log(`last window / first: txn/s x${ratio("txn/s")}, CPU/txn x${ratio("CPU ms/txn")}, ` +
      `written/txn x${ratio("KB written/txn")}; ` +
      `participant RSS ${first["max P RSS MB"]} -> ${last["max P RSS MB"]} MB ` +
      `(${rssPerThousand(first, last)} MB per 1000 txns)`);
  }
}

/** RSS growth of the largest participant per thousand txns between the first and the last window's ends. */
type RssRow = { "txns to": number; "max P RSS MB": number };

function rssPerThousand(first: RssRow, last: RssRow): string {
  return ((last["max P RSS MB"] - first["max P RSS MB"]) / ((last["txns to"] - first["txns to"]) / 1000)).toFixed(2);
}
