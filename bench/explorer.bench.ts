/**
 * What the exhaustive explorer does per second: distinct states and transitions per
 * wall second and per CPU second (median of several whole runs, each with a fresh
 * context, so the step memo starts cold as it does in `npm run check`), and the
 * bytes each stored state costs: the visited set plus parent log, and the heap the
 * run holds at its end (step memo, interned messages and node states, the last
 * frontier) per state. Rows: the default world (n = 4, P3 Byzantine with the full
 * alphabet, honest coordinator, no network faults, latent-Byzantine reduction), and
 * SPIN's model a exhausted as `npm run check -- --strategy equivocate --exhaustive
 * --reduce latent-byzantine,dead-mail` runs it, for its first txn only (the CLI's
 * default workload adds a second root, t2 abort, about as large), beside SPIN's
 * `a_dv` (../shared/anchors/spin/run.sh). Each row is one txn, so half the CLI's count.
 */
import os from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Bench } from "tinybench";
import { makeCheckConfig, type CheckConfigInput } from "../checker/model/check-config.js";
import { exploreRoots, rootConfigs } from "../checker/cli/bfs-roots.js";
import type { CheckContext } from "../checker/model/context.js";
import type { BfsOptions, BfsResult } from "../checker/model/world-bfs.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };
const latent: Partial<BfsOptions> = { reduceLatentByzantine: true };
const runs: [name: string, input: CheckConfigInput, depth: number, reductions: Partial<BfsOptions>][] = [
  ["default (one txn, t1 commit), depth 6", { budgets: noFaults }, 6, latent],
  ["model a (equivocate; one txn, t1), exhausted", { strategy: "equivocate", budgets: noFaults },
    Number.POSITIVE_INFINITY,
    { ...latent, collectDeadMail: true }],
  ["Byzantine coordinator (one txn), depth 4", { coordinator: "byzantine", budgets: noFaults }, 4, latent],
];

/** One whole search as the CLI runs it: one root per txn (`--submit each`, its default). */
function explore(input: CheckConfigInput, depth: number, reductions: Partial<BfsOptions>):
  { result: BfsResult; ctx: CheckContext } {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return exploreRoots(rootConfigs(made.config, "each"),
    { depthMax: depth, statesMax: 100_000_000, bytesMax: 2 ** 31, ...reductions }, Date.now);
}

/**
 * Heap still held after a forced GC while the run's context is alive, per distinct state; and the distinct node
 * states. With one root per txn only the last root's context is alive at the end, so for model a this undercounts:
 * the CLI's peak RSS per state (`--json`: rssBytesPerState) is the figure to quote.
 */
function heapBytesPerState(input: CheckConfigInput, depth: number, reductions: Partial<BfsOptions>):
  { bytes: number; nodeStates: number } {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  const collect = (): void => (typeof gc === "function" ? void gc() : undefined);
  collect();
  const before = process.memoryUsage().heapUsed;
  const { result, ctx } = explore(input, depth, reductions);
  collect();
  const after = process.memoryUsage().heapUsed;
  return { bytes: (after - before) / result.distinctStates, nodeStates: ctx.stepMemo.statesHeld };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** CPU seconds (user + system) a call takes. */
function cpuSeconds(call: () => void): number {
  const start = process.cpuUsage();
  call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export async function run(): Promise<void> {
  const bench = new Bench({ iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 });
  const results = new Map<string, BfsResult>();
  const cpu = new Map<string, number[]>();
  for (const [name, input, depth, reductions] of runs) {
    cpu.set(name, []);
    bench.add(name, () => {
      cpu.get(name)?.push(cpuSeconds(() => void results.set(name, explore(input, depth, reductions).result)));
    });
  }
  await bench.run();
  const runsPerRow = bench.tasks[0]?.runs ?? 0;
  console.log(`node ${process.version}; ${runsPerRow} runs per row after one warm-up; medians; load ${loadNow()}`);
  console.table(runs.map(([name, input, depth, reductions]) => {
    const r = results.get(name);
    const result = bench.getTask(name)?.result;
    const ms = result !== undefined && "latency" in result ? result.latency.p50 : Number.NaN;
    // The warm-up's CPU time is measured too: the medians are of the timed runs only.
    const cpuS = median((cpu.get(name) ?? []).slice(-runsPerRow));
    if (r === undefined) return { run: name };
    const heap = heapBytesPerState(input, depth, reductions);
    return {
      run: name, states: r.distinctStates, transitions: r.transitions, "ms (median)": ms.toFixed(0),
      "CPU s (median)": cpuS.toFixed(2), "states/CPU s": Math.round(r.distinctStates / cpuS),
      "transitions/CPU s": Math.round(r.transitions / cpuS),
      "states/s": Math.round(r.distinctStates / ms * 1000),
      "visited B/state": (r.visitedBytes / r.distinctStates).toFixed(1),
      "heap B/state": heap.bytes.toFixed(0), "node states": heap.nodeStates,
    };
  }));
}

/** The 1-minute load average, so a figure carries the load it was measured under. */
function loadNow(): string {
  return os.loadavg()[0]?.toFixed(1) ?? "?";
}
