/**
 * `npm run check` in BFS mode: explore, print a report (or one JSON summary with
 * --json), write a trace on a violation. Wall-clock budgets live here, not in
 * the explorer, which stays deterministic.
 */
import { getHeapStatistics } from "node:v8";
import { sometimesProperties, requiredWitness } from "../../spec/invariants/index.js";
import { formatAction } from "../action-format.js";
import type { CheckConfig } from "../check-config.js";
import type { BfsResult } from "../explore-bfs.js";
import { exploreRoots, rootConfigs, type RootResult } from "./bfs-roots.js";
import { traceFromPath, writeTrace } from "../trace-file.js";
import { shrinkAndDescribe } from "../shrink-describe.js";
import { describeWorkload } from "../workload.js";
import type { SearchBounds } from "./check-options.js";
import { Progress } from "./progress.js";
import { buildTrace, verdictOf, type Verdict } from "./verdict.js";

/** 85% of V8's heap limit: past it a full collection can no longer make room for the next level. */
const heapStopBytes = getHeapStatistics().heap_size_limit * 0.85;

export interface RunOutput { readonly json: boolean; readonly outDir: string }

export function runBfs(config: CheckConfig, bounds: SearchBounds, output: RunOutput): number {
  const { summary, steps, vacuous } = searchBfs(config, bounds, output.outDir);
  if (output.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printReport(summary, steps, vacuous);
  return summary.exitCode;
}

export type BfsSummary = ReturnType<typeof summarize> & {
  readonly verdict: Verdict; readonly traceError: string | null; readonly roots: readonly RootResult[]; readonly submit: string;
  readonly shrink: string | null; readonly exitCode: number;
};

/** The search and its trace, without printing: `npm run check` prints it, `npm run mutants` tabulates it. */
export function searchBfs(config: CheckConfig, bounds: SearchBounds, outDir: string): { summary: BfsSummary; steps: string[]; vacuous: boolean } {
  const started = Date.now();
  const progress = new Progress(started);
  const { result, ctx, roots } = exploreRoots(rootConfigs(config, bounds.submit), {
    depthMax: bounds.depthMax, statesMax: bounds.statesMax, bytesMax: bounds.bytesMax, reduceLatentByzantine: bounds.reduceLatentByzantine,
    poll: (p) => {
      progress.tick(`states ${p.states}  depth ${p.depth}  frontier ${p.frontier}  transitions ${p.transitions}`, p.states);
      if (Date.now() - started >= bounds.secondsMax * 1000) return "time";
      // The frontier's worlds live on the JS heap: stop as incomplete before V8 aborts the process.
      return process.memoryUsage().heapUsed > heapStopBytes ? "memory" : null;
    },
  }, Date.now);
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
    const built = buildTrace(() => shrinkAndDescribe(ctx, traceFromPath(ctx, path, { mode: "bfs", seed: null, violation: { invariant, message } })));
    if (built.ok) {
      const shrunk = built.value;
      tracePath = writeTrace(outDir, shrunk.trace);
      shrinkSummary = shrunk.summary;
      traceSteps = shrunk.trace.actions.length;
      steps = shrunk.trace.actions.map((a, i) => `${String(i + 1).padStart(3)}. ${formatAction(a, config.n)}`);
    } else traceError = built.error;
  }
  const { verdict, exitCode } = verdictOf({
    violation: result.violation !== null, witnessReached: result.reached.includes(requiredWitness.name), traceError: traceError !== null,
    stoppedByBudget: result.stopReason !== "exhausted" && result.stopReason !== "depth" && result.stopReason !== "violation",
  });
  const summary = {
    ...summarize(config, bounds, result, elapsedMs, tracePath, traceSteps), verdict, traceError, roots, submit: bounds.submit,
    shrink: shrinkSummary, exitCode,
  };
  return { summary, steps, vacuous: verdict === "vacuous" };
}

function summarize(config: CheckConfig, bounds: SearchBounds, r: BfsResult, elapsedMs: number, trace: string | null, traceSteps: number) {
  const rss = process.resourceUsage().maxRSS * 1024;
  return {
    mode: "bfs", config, depthMax: Number.isFinite(bounds.depthMax) ? bounds.depthMax : null,
    reduction: bounds.reduceLatentByzantine ? "latent-byzantine" : "none",
    stopReason: r.stopReason, complete: r.complete, depthExplored: r.depthExplored,
    distinctStates: r.distinctStates, transitions: r.transitions,
    violations: r.violation === null ? [] : [{ invariant: r.violation.invariant, message: r.violation.message, steps: traceSteps, bfsSteps: r.violation.path.length }],
    sometimes: Object.fromEntries(sometimesProperties.map((p) => [p.name, r.reached.includes(p.name)])),
    elapsedMs, statesPerSecond: Math.round(r.distinctStates / Math.max(elapsedMs, 1) * 1000),
    transitionsPerSecond: Math.round(r.transitions / Math.max(elapsedMs, 1) * 1000),
    visitedSetBytes: r.visitedBytes, peakRssBytes: rss, trace,
  };
}

function printReport(s: BfsSummary, steps: readonly string[], vacuous: boolean): void {
  const c = s.config;
  const out: string[] = [];
  out.push(`byzcommit check: n=${c.n} f=${c.f} byzantine=[${c.byzantine.map((b) => `P${b}`).join(",")}] coordinator=${c.coordinator} ` +
    `strategy=${c.strategy} ${describeWorkload(c.txns)} budgets=${JSON.stringify(c.budgets)}${c.mutant !== null ? ` mutant=${c.mutant}` : ""}`);
  out.push(`  ${s.distinctStates} distinct states, ${s.transitions} transitions, depth ${s.depthExplored}${s.depthMax === null ? " (no bound)" : ` of ${s.depthMax}`}, ` +
    `${(s.elapsedMs / 1000).toFixed(1)} s, ${s.statesPerSecond} states/s, visited set ${(s.visitedSetBytes / 2 ** 20).toFixed(1)} MiB, peak RSS ${(s.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
  if (s.roots.length > 1) {
    out.push(`  one search per txn (--submit each): ${s.roots.map((r) => `${r.txn} ${r.flag} ${r.distinctStates} states ${(r.elapsedMs / 1000).toFixed(1)} s`).join("; ")}`);
  }
  for (const [name, reached] of Object.entries(s.sometimes)) out.push(`  sometimes "${name}": ${reached ? "reached" : "not reached"}`);
  const v = s.violations[0];
  if (s.traceError !== null) {
    out.push(`  TRACE ERROR: a violation was found but ${s.traceError}`);
  } else if (v !== undefined) {
    process.stderr.write(`VIOLATION of ${v.invariant}: ${v.message}\n${steps.join("\n")}\n`);
    out.push(`  VIOLATION of ${v.invariant} after ${v.steps} steps (BFS found ${v.bfsSteps}; ${s.shrink}); trace: ${s.trace}`);
    out.push(`  replay it: npm run replay -- ${s.trace}`);
  } else if (vacuous) {
    out.push(`  VACUOUS: "an honest participant decides" was never reached, so "no violation" proves nothing`);
  } else if (s.verdict === "incomplete") {
    out.push(`  INCOMPLETE: stopped by ${s.stopReason} bound before the depth bound; no violation in what was explored`);
  } else {
    out.push(`  clean: every state within ${s.depthMax === null ? "reach" : `depth ${s.depthMax}`} satisfies I1-I9`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
