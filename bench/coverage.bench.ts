/**
 * What coverage-guided search (`--mode coverage`) does per second: actions and
 * excursions, with the cells archived, over a fixed number of excursions from a
 * fresh context (median of whole runs, so the step memo starts cold as in
 * `npm run check`). Two worlds: the one `new-view-lowest-view` is caught in (no
 * Byzantine node, three timeouts) and the default world with faults.
 */
import { Bench } from "tinybench";
import { makeCheckConfig, type CheckConfigInput } from "../checker/model/check-config.js";
import { makeContext } from "../checker/model/context.js";
import { exploreCoverage, type CoverageResult } from "../checker/search/explore-coverage.js";
import { runOptionsFor } from "../checker/search/random-run.js";

const excursions = 2000;
const runs: [name: string, input: CheckConfigInput][] = [
  ["no Byzantine node, 3 timeouts", { byzantine: [], budgets: { loss: 0, dup: 0, timeouts: 3 } }],
  ["default (P3 Byzantine), 2 txns, loss/dup/timeouts 1", { txnCount: 2, budgets: { loss: 1, dup: 1, timeouts: 1 } }],
];

function explore(input: CheckConfigInput): CoverageResult {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  const ctx = makeContext(made.config);
  return exploreCoverage(ctx, { runs: excursions, steps: 20, seed: 1, runOptions: runOptionsFor(ctx, "auto") });
}

export async function run(): Promise<void> {
  const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
  const results = new Map<string, CoverageResult>();
  for (const [name, input] of runs) bench.add(name, () => void results.set(name, explore(input)));
  await bench.run();
  const runsPerRow = bench.tasks[0]?.runs ?? 0;
  console.log(`node ${process.version}; ${excursions} excursions of 20 steps per run, seed 1; ` +
    `${runsPerRow} runs per row after one warm-up; medians`);
  console.table(runs.map(([name]) => {
    const r = results.get(name);
    const result = bench.getTask(name)?.result;
    const ms = result !== undefined && "latency" in result ? result.latency.p50 : Number.NaN;
    if (r === undefined) return { run: name };
    return {
      run: name, actions: r.actions, cells: r.cells, deepest: r.depthMax, "ms (median)": ms.toFixed(0),
      "actions/s": Math.round(r.actions / ms * 1000), "excursions/s": Math.round(r.excursions / ms * 1000),
    };
  }));
}
