/**
 * `npm run check` in BFS mode: explore, print a report (or one JSON summary with
 * --json), write a trace on a violation. Wall-clock budgets live here, not in
 * the explorer, which stays deterministic.
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { sometimesProperties } from "../../spec/invariants/index.js";
import { formatAction } from "../render/action-format.js";
import type { CheckConfig } from "../model/check-config.js";
import type { CheckContext } from "../model/context.js";
import type { BfsOptions, BfsProgress, BfsResult } from "../model/world-bfs.js";
import { exploreBfsParallel, WorkerPool } from "../search/explore-parallel.js";
import {
  exploreRoots, exploreRootsOnThreads, exploreRootsParallel, rootConfigs, type RootResult,
} from "./bfs-roots.js";
import { traceFromPath, writeTrace } from "../trace/trace-file.js";
import { shrinkAndDescribe } from "../trace/shrink-describe.js";
import { deadMailInvariant } from "../model/dead-mail-cross-check.js";
import { sleepSetInvariant } from "../model/sleep-sets.js";
import type { Trace } from "../../spec/trace.js";
import { describeWorkload } from "../model/workload.js";
import type { SearchBounds } from "./check-options.js";
import { Progress } from "./progress.js";
import { exitAfterCi, type CiOutput } from "./ci-output.js";
import { buildTrace, verdictOf, type Verdict } from "./verdict.js";
import { judgedInvariants } from "./judged-invariants.js";
import { missingWitnesses, reachedIn, vacuousLine } from "./expected-witnesses.js";

/** 85% of V8's heap limit: past it a full collection can no longer make room for the next level. */
const heapStopBytes = getHeapStatistics().heap_size_limit * 0.85;
/** 85% of the machine's memory. */
const rssStopBytes = totalmem() * 0.85;

export interface RunOutput extends CiOutput { readonly outDir: string }

export function runBfs(config: CheckConfig, bounds: SearchBounds, output: RunOutput): number | Promise<number> {
  if (parallelism(config, bounds) === "roots") {
    return searchBfsOnRootThreads(config, bounds, output.outDir).then((o) => report(o, output));
  }
  if (bounds.workers > 1) return searchBfsParallel(config, bounds, output.outDir).then((o) => report(o, output));
  return report(searchBfs(config, bounds, output.outDir), output);
}

export function report({ summary, steps, vacuous }: SearchOutcome, output: RunOutput): number {
  if (output.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printReport(summary, steps, vacuous);
  return exitAfterCi(summary, summary.exitCode, output);
}

export type BfsSummary = ReturnType<typeof summarize> & {
  readonly levels: readonly LevelFigures[]; readonly verdict: Verdict; readonly traceError: string | null;
  readonly roots: readonly RootResult[]; readonly submit: string; readonly shrink: string | null;
  readonly exitCode: number;
};

/** One BFS level as the growth table reports it: states so far, wall time so far, RSS at that moment. */
export interface LevelFigures extends BfsProgress {
  readonly elapsedMs: number;
  readonly rssBytes: number;
}

/** The search and its trace, without printing: `npm run check` prints it, `npm run mutants` tabulates it. */
export function searchBfs(config: CheckConfig, bounds: SearchBounds, outDir: string): SearchOutcome {
  const run = startRun(bounds);
  const options = { ...run.options, shard: bounds.shard, splitDepth: bounds.splitDepth };
  const { result, ctx, roots } = exploreRoots(rootConfigs(config, bounds.submit), options, Date.now);
  return outcome(config, ctx, bounds, outDir, result, run, roots);
}

/**
 * How `--workers N` (N > 1) uses its threads: several roots run at once, each a sequential search on a thread of its
 * own (search/roots-on-threads.ts: the same states and verdict); one root is split by levels (explore-parallel.ts).
 */
export function parallelism(config: CheckConfig, bounds: SearchBounds): "roots" | "levels" | null {
  if (bounds.workers <= 1) return null;
  return rootConfigs(config, bounds.submit).length > 1 ? "roots" : "levels";
}

/** `--workers N` with several roots: up to N roots at once, each searched sequentially on its own thread. */
export async function searchBfsOnRootThreads(
  config: CheckConfig, bounds: SearchBounds, outDir: string,
): Promise<SearchOutcome> {
  const run = startRun(bounds);
  const options = { ...run.options, shard: bounds.shard, splitDepth: bounds.splitDepth };
  const { result, ctx, roots } = await exploreRootsOnThreads(rootConfigs(config, bounds.submit), options,
    bounds.workers, Date.now, (levels) => run.levels.push(...levels));
  return outcome(config, ctx, bounds, outDir, result, run, roots);
}

/** `--workers N` (N > 1), one root: the same search on N worker threads (explore-parallel.ts). */
export async function searchBfsParallel(
  config: CheckConfig, bounds: SearchBounds, outDir: string,
): Promise<SearchOutcome> {
  const run = startRun(bounds);
  const pool = new WorkerPool(bounds.workers);
  try {
    const { result, ctx, roots } = await exploreRootsParallel(rootConfigs(config, bounds.submit), run.options,
      Date.now, (root, options) => exploreBfsParallel(root, { ...options, workers: bounds.workers, pool }));
    return outcome(config, ctx, bounds, outDir, result, run, roots);
  } finally {
    await pool.close();
  }
}

export type SearchOutcome = { summary: BfsSummary; steps: string[]; vacuous: boolean };

export interface RunClock {
  readonly started: number;
  readonly progress: Progress;
  readonly levels: LevelFigures[];
  readonly options: BfsOptions;
}

/** The explorer's bounds and the CLI's wall-clock, memory and progress hooks. */
export function startRun(bounds: SearchBounds): RunClock {
  const started = Date.now();
  const progress = new Progress(started);
  const levels: LevelFigures[] = [];
  const options: BfsOptions = {
    depthMax: bounds.depthMax, statesMax: bounds.statesMax, bytesMax: bounds.bytesMax,
    reduceLatentByzantine: bounds.reduceLatentByzantine,
    collectDeadMail: bounds.collectDeadMail, checkDeadMail: bounds.checkDeadMail,
    reducePartialOrder: bounds.reducePartialOrder, checkPartialOrder: bounds.checkPartialOrder,
    poll: (p) => {
      const frontierMiB = (p.frontierBytes / 2 ** 20).toFixed(0);
      // Threads know no common depth or frontier (-1): only the counts, summed.
      const level = p.depth < 0 ? "" : `  depth ${p.depth}  frontier ${p.frontier} (${frontierMiB} MiB)`;
      progress.tick(`states ${p.states}${level}  transitions ${p.transitions}`, p.states);
      if (Date.now() - started >= bounds.secondsMax * 1000) return "time";
      // Stop as incomplete before V8 aborts the process (heap) or the kernel kills it (the frontier's
      // pages and the visited set live outside the heap, so RSS is their measure).
      if (process.memoryUsage.rss() > rssStopBytes) return "memory";
      return process.memoryUsage().heapUsed > heapStopBytes ? "memory" : null;
    },
    onLevel: (l) => levels.push({ ...l, elapsedMs: Date.now() - started, rssBytes: process.memoryUsage().rss }),
  };
  return { started, progress, levels, options };
}

/** `config` is the whole workload; `ctx` the root the search ended in, whose config a trace stores. */
export function outcome(
  config: CheckConfig, ctx: CheckContext, bounds: SearchBounds, outDir: string, result: BfsResult, run: RunClock,
  roots: readonly RootResult[], witnessRequired = true,
): SearchOutcome {
  const { started, progress, levels } = run;
  progress.done();
  const elapsedMs = Date.now() - started;
  let tracePath: string | null = null;
  let steps: string[] = [];
  let shrinkSummary: string | null = null;
  let traceSteps = 0;
  let traceError: string | null = null;
  if (result.violation !== null) {
    const { invariant, message, path } = result.violation;
    // BFS's path is a shortest one; shrinking still drops Byzantine moves and faults it does not need.
    const raw = (): Trace => traceFromPath(ctx, path, { mode: "bfs", seed: null, violation: { invariant, message } });
    // The cross-check's violation is no invariant replay can judge: its trace is kept as found, unshrunk.
    const crossCheck = invariant === deadMailInvariant ? "dead-mail cross-check" : invariant;
    const built = invariant === deadMailInvariant || invariant === sleepSetInvariant
      ? buildTrace(() => ({ trace: raw(), result: null, summary: `${crossCheck}: not shrunk` }))
      : buildTrace(() => shrinkAndDescribe(ctx, raw()));
    if (built.ok) {
      const shrunk = built.value;
      tracePath = writeTrace(outDir, shrunk.trace);
      shrinkSummary = shrunk.summary;
      traceSteps = shrunk.trace.actions.length;
      steps = shrunk.trace.actions.map((a, i) => `${String(i + 1).padStart(3)}. ${formatAction(a, config.n)}`);
    } else traceError = built.error;
  }
  const { verdict, exitCode } = verdictOf({
    violation: result.violation !== null,
    // A search from a trace's end state (`--from`) need not reach a decision: only what `--expect` names.
    witnessReached: (witnessRequired ? missingWitnesses(result.reached, bounds.expected)
      : (bounds.expected ?? []).filter((name) => !result.reached.includes(name))).length === 0,
    traceError: traceError !== null,
    stoppedByBudget: result.stopReason !== "exhausted" && result.stopReason !== "depth"
      && result.stopReason !== "violation",
  });
  const summary = {
    ...summarize(config, bounds, result, elapsedMs, tracePath, traceSteps),
    levels, verdict, traceError, roots, submit: bounds.submit, shrink: shrinkSummary, exitCode,
  };
  return { summary, steps, vacuous: verdict === "vacuous" };
}

function reductionName(bounds: SearchBounds): string {
  const names = [
    ...(bounds.reduceLatentByzantine ? ["latent-byzantine"] : []),
    ...(bounds.collectDeadMail ? ["dead-mail"] : []),
    ...(bounds.reducePartialOrder ? ["por"] : []),
  ];
  return names.length === 0 ? "none" : names.join(",");
}

function summarize(
  config: CheckConfig, bounds: SearchBounds, r: BfsResult, elapsedMs: number, trace: string | null, traceSteps: number,
) {
  const rss = process.resourceUsage().maxRSS * 1024;
  return {
    mode: "bfs", config, depthMax: Number.isFinite(bounds.depthMax) ? bounds.depthMax : null,
    reduction: reductionName(bounds), checkDeadMail: bounds.checkDeadMail, workers: bounds.workers,
    parallel: parallelism(config, bounds),
    shard: bounds.shard === null ? null : `${bounds.shard.index + 1}/${bounds.shard.count}`, splitDepth: r.splitDepth,
    stopReason: r.stopReason, complete: r.complete, depthExplored: r.depthExplored,
    distinctStates: r.distinctStates, transitions: r.transitions,
    violations: r.violation === null ? [] : [{
      invariant: r.violation.invariant, message: r.violation.message, steps: traceSteps,
      bfsSteps: r.violation.path.length,
    }],
    sometimes: Object.fromEntries(sometimesProperties.map((p) => [p.name, r.reached.includes(p.name)])),
    expected: bounds.expected ?? [],
    elapsedMs, statesPerSecond: Math.round(r.distinctStates / Math.max(elapsedMs, 1) * 1000),
    transitionsPerSecond: Math.round(r.transitions / Math.max(elapsedMs, 1) * 1000),
    visitedSetBytes: r.visitedBytes, peakRssBytes: rss,
    rssBytesPerState: Math.round(rss / Math.max(r.distinctStates, 1)),
    trace,
  };
}

function printReport(s: BfsSummary, steps: readonly string[], vacuous: boolean): void {
  const c = s.config;
  const out: string[] = [];
  const byzantine = c.byzantine.map((b) => `P${b}`).join(",");
  const mutant = c.mutant !== null ? ` mutant=${c.mutant}` : "";
  out.push(`byzcommit check: n=${c.n} f=${c.f} byzantine=[${byzantine}] coordinator=${c.coordinator} ` +
    `strategy=${c.strategy} ${describeWorkload(c.txns)} budgets=${JSON.stringify(c.budgets)}${mutant}`);
  const depthBound = s.depthMax === null ? " (no bound)" : ` of ${s.depthMax}`;
  const visitedMiB = (s.visitedSetBytes / 2 ** 20).toFixed(1);
  const rssMiB = (s.peakRssBytes / 2 ** 20).toFixed(0);
  out.push(`  ${s.distinctStates} distinct states, ${s.transitions} transitions, ` +
    `depth ${s.depthExplored}${depthBound}, ${(s.elapsedMs / 1000).toFixed(1)} s, ${s.statesPerSecond} states/s, ` +
    `visited set ${visitedMiB} MiB, peak RSS ${rssMiB} MiB`);
  if (s.roots.length > 1) {
    const roots = s.roots.map((r) =>
      `${r.txn} ${r.flag} ${r.distinctStates} states ${(r.elapsedMs / 1000).toFixed(1)} s`);
    const threads = s.parallel === "roots" ? `, up to ${s.workers} at once on threads` : "";
    out.push(`  one search per txn (--submit each${threads}): ${roots.join("; ")}`);
  }
  for (const [name, reached] of Object.entries(s.sometimes)) {
    out.push(`  sometimes "${name}": ${reached ? "reached" : "not reached"}`);
  }
  const v = s.violations[0];
  if (s.traceError !== null) {
    out.push(`  TRACE ERROR: a violation was found but ${s.traceError}`);
  } else if (v !== undefined) {
    process.stderr.write(`VIOLATION of ${v.invariant}: ${v.message}\n${steps.join("\n")}\n`);
    out.push(`  VIOLATION of ${v.invariant} after ${v.steps} steps (BFS found ${v.bfsSteps}; ${s.shrink}); ` +
      `trace: ${s.trace}`);
    out.push(`  replay it: npm run replay -- ${s.trace}`);
  } else if (vacuous) {
    out.push(vacuousLine(missingWitnesses(reachedIn(s.sometimes), s.expected)));
  } else if (s.verdict === "incomplete") {
    out.push(`  INCOMPLETE: stopped by ${s.stopReason} bound before the depth bound; ` +
      "no violation in what was explored");
  } else {
    const within = s.depthMax === null ? "reach" : `depth ${s.depthMax}`;
    out.push(`  clean: every state within ${within} satisfies ${judgedInvariants()}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
