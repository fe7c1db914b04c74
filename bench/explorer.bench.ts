/**
 * What the exhaustive explorer does per second on the default world (n = 4, P3
 * Byzantine with the full alphabet, honest coordinator, one txn, no network
 * faults, latent-Byzantine reduction): distinct states and transitions per second
 * (median of several whole runs, each with a fresh context, so the step memo
 * starts cold as it does in `npm run check`), and the bytes each stored state
 * costs: the visited set plus parent log, and the heap the run holds at its end
 * (step memo, interned messages and node states, the last frontier) per state.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Bench } from "tinybench";
import { makeCheckConfig, type CheckConfigInput } from "../checker/model/check-config.js";
import { makeContext } from "../checker/model/context.js";
import { exploreBfs, type BfsResult } from "../checker/model/world-bfs.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };
const runs: [name: string, input: CheckConfigInput, depth: number][] = [
  ["default, depth 6", { budgets: noFaults }, 6],
  ["default, depth 8", { budgets: noFaults }, 8],
  ["Byzantine coordinator, depth 5", { coordinator: "byzantine", budgets: noFaults }, 5],
];

function explore(input: CheckConfigInput, depth: number): BfsResult {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return exploreBfs(makeContext(made.config),
    { depthMax: depth, statesMax: 100_000_000, bytesMax: 2 ** 31, reduceLatentByzantine: true });
}

/**
 * Heap still held after a forced GC while the run's context is alive, per distinct state; and the distinct node
 * states.
 */
function heapBytesPerState(input: CheckConfigInput, depth: number): { bytes: number; nodeStates: number } {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  const collect = (): void => (typeof gc === "function" ? void gc() : undefined);
  collect();
  const before = process.memoryUsage().heapUsed;
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  const ctx = makeContext(made.config);
  const result = exploreBfs(ctx,
    { depthMax: depth, statesMax: 100_000_000, bytesMax: 2 ** 31, reduceLatentByzantine: true });
  collect();
  const after = process.memoryUsage().heapUsed;
  return { bytes: (after - before) / result.distinctStates, nodeStates: ctx.stepMemo.statesHeld };
}

export async function run(): Promise<void> {
  const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
  const results = new Map<string, BfsResult>();
  for (const [name, input, depth] of runs) bench.add(name, () => void results.set(name, explore(input, depth)));
  await bench.run();
  console.log(`node ${process.version}; ${bench.tasks[0]?.runs ?? 0} runs per row after one warm-up; medians`);
  console.table(runs.map(([name, input, depth]) => {
    const r = results.get(name);
    const result = bench.getTask(name)?.result;
    const ms = result !== undefined && "latency" in result ? result.latency.p50 : Number.NaN;
    if (r === undefined) return { run: name };
    const heap = heapBytesPerState(input, depth);
    return {
      run: name, states: r.distinctStates, transitions: r.transitions, "ms (median)": ms.toFixed(0),
      "states/s": Math.round(r.distinctStates / ms * 1000), "transitions/s": Math.round(r.transitions / ms * 1000),
      "visited B/state": (r.visitedBytes / r.distinctStates).toFixed(1),
      "heap B/state": heap.bytes.toFixed(0), "node states": heap.nodeStates,
    };
  }));
}
