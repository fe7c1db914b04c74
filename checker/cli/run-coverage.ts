/**
 * `npm run check -- --mode coverage`: the coverage-guided search
 * (explore-coverage.ts), then, on a violation, the same trace shrinker and
 * trace file as random mode (the counterexample is a fault phase followed by
 * the healed phase, judged the same way); a report or one JSON summary that
 * names the seed and the command that re-runs the search.
 */
import { sometimesProperties } from "../../spec/invariants/index.js";
import { describeAction } from "../model/action-codec.js";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext } from "../model/context.js";
import { exploreCoverage, type CoverageResult } from "../search/explore-coverage.js";
import { livenessJudged } from "../model/liveness.js";
import { runOptionsFor } from "../search/random-run.js";
import { shrunkRandomTrace, type RandomTrace } from "../trace/random-trace.js";
import { writeTrace } from "../trace/trace-file.js";
import { describeWorkload } from "../model/workload.js";
import type { SearchBounds } from "./check-options.js";
import { Progress } from "./progress.js";
import { buildTrace, verdictOf, type Verdict } from "./verdict.js";
import { coverageRerunCommand } from "./rerun-command.js";
import type { RunOutput } from "./run-bfs.js";
import { traceLines } from "./run-random.js";
import { exitAfterCi } from "./ci-output.js";
import { judgedInvariants } from "./judged-invariants.js";
import { missingWitnesses, reachedIn, vacuousLine } from "./expected-witnesses.js";
import { rootFields, rootWorld, type SearchRoot } from "../search/trace-prefix.js";

/**
 * Replays the trace shrinker may spend: an excursion path is long and unshrunk, so more than random mode's second
 * pass.
 */
const traceShrinkAttemptsMax = 20_000;

/** New states one neighbourhood may add: a hub state's neighbourhood is cut there, not the run's time. */
const hoodStatesMax = 50_000;

export type CoverageSummary = ReturnType<typeof summarize> & {
  readonly verdict: Verdict; readonly traceError: string | null; readonly exitCode: number;
};

export function runCoverage(config: CheckConfig, bounds: SearchBounds, output: RunOutput,
  root: SearchRoot | null = null): number {
  const { summary, shrunk } = searchCoverage(config, bounds, output.outDir, root);
  // A shard's summary names its shard, so merge-results can tell a missing one (shard.ts).
  if (output.json) process.stdout.write(`${JSON.stringify({ ...summary, shard: output.shard })}\n`);
  else printReport(summary, shrunk);
  return exitAfterCi(summary, summary.exitCode, output);
}

/**
 * The search and its trace, without printing: `npm run check` prints it, `npm run mutants` tabulates it. From a
 * `root` (`--from`), the archive starts at the trace's end, and a failure's trace is the root's actions followed by
 * the excursion's, from the initial world.
 */
export function searchCoverage(
  config: CheckConfig, bounds: SearchBounds, outDir: string, root: SearchRoot | null = null,
): { summary: CoverageSummary; shrunk: RandomTrace | null } {
  const started = Date.now();
  const progress = new Progress(started);
  const ctx = makeContext(config);
  const runOptions = runOptionsFor(ctx, bounds.liveness);
  const deadline = started + bounds.secondsMax * 1000;
  const result = exploreCoverage(ctx, {
    runs: bounds.runs, steps: bounds.steps, seed: bounds.seed, runOptions, swarm: bounds.swarm,
    stop: () => Date.now() > deadline, ...(root === null ? {} : { root: rootWorld(root, ctx) }),
    neighbourhood: {
      depth: bounds.hood ?? 0, statesMax: hoodStatesMax, bytesMax: bounds.bytesMax,
      archive: bounds.hoodArchive === true,
    },
    progress: (excursions, cells, actions) =>
      progress.tick(`excursions ${excursions}  cells ${cells}  actions ${actions}`, excursions),
  });
  progress.done();
  const searchMs = Date.now() - started;
  const failure = result.failure;
  const built = failure === null ? null : buildTrace(() => shrunkRandomTrace(
    ctx, [...(root?.records ?? []), ...failure.actions.map(describeAction)], runOptions,
    { seed: bounds.seed, attemptsMax: traceShrinkAttemptsMax, mode: "coverage" }));
  const shrunk = built?.ok === true ? built.value : null;
  const traceError = built?.ok === false ? built.error : null;
  const tracePath = shrunk === null ? null : writeTrace(outDir, shrunk.trace);
  const { verdict, exitCode } = verdictOf({
    violation: failure !== null, stoppedByBudget: result.interrupted,
    witnessReached: missingWitnesses(result.reached, bounds.expected).length === 0, traceError: traceError !== null,
  });
  const time = { searchMs, elapsedMs: Date.now() - started };
  const summary = summarize(config, bounds, result, time, shrunk, tracePath, root);
  return { summary: { ...summary, verdict, traceError, exitCode }, shrunk };
}

function summarize(
  config: CheckConfig, bounds: SearchBounds, r: CoverageResult, time: { searchMs: number; elapsedMs: number },
  shrunk: RandomTrace | null, trace: string | null, root: SearchRoot | null,
) {
  const v = shrunk?.trace.violation ?? r.failure?.violation ?? null;
  return {
    mode: "coverage", config, ...rootFields(root), swarm: bounds.swarm, excursions: r.excursions, steps: bounds.steps,
    seed: bounds.seed,
    liveness: livenessJudged(bounds.liveness, config) ? "judged" : "not judged",
    violations: v === null || shrunk === null ? [] : [{
      invariant: v.invariant, message: v.message, steps: shrunk.stepsAfter, healedSteps: shrunk.healedSteps,
      stepsBeforeTraceShrink: shrunk.stepsBefore, phase: r.failure?.phase ?? null,
    }],
    sometimes: Object.fromEntries(sometimesProperties.map((p) => [p.name, r.reached.includes(p.name)])),
    expected: bounds.expected ?? [],
    cells: r.cells, actions: r.actions, depthMax: r.depthMax, interrupted: r.interrupted,
    hood: bounds.hood ?? 0, hoodArchive: bounds.hoodArchive === true,
    neighbourhood: { ...r.neighbourhood, found: r.failure?.neighbourhood === true },
    elapsedMs: time.elapsedMs, searchMs: time.searchMs,
    actionsPerSecond: Math.round(r.actions / Math.max(time.searchMs, 1) * 1000),
    trace,
    rerun: coverageRerunCommand(config, {
      runs: bounds.runs, steps: bounds.steps, seed: bounds.seed, liveness: bounds.liveness, swarm: bounds.swarm,
      expected: bounds.expected, from: root?.file,
      hood: bounds.hood ?? 0, hoodArchive: bounds.hoodArchive === true,
    }),
  };
}

function printReport(s: CoverageSummary, shrunk: RandomTrace | null): void {
  const c = s.config;
  const out: string[] = [];
  const byzantine = c.byzantine.map((b) => `P${b}`).join(",");
  const mutant = c.mutant !== null ? ` mutant=${c.mutant}` : "";
  out.push(`byzcommit check (coverage): n=${c.n} f=${c.f} byzantine=[${byzantine}] coordinator=${c.coordinator} ` +
    `strategy=${c.strategy} ${describeWorkload(c.txns)} budgets=${JSON.stringify(c.budgets)}${mutant}`);
  if (s.from !== null) out.push(`  the archive starts at the end of ${s.from} (${s.prefixSteps} steps)`);
  out.push(`  seed ${s.seed}: ${s.excursions} excursions of up to ${s.steps} steps ` +
    `from an archive of ${s.cells} cells (deepest ${s.depthMax} steps), ` +
    `liveness ${s.liveness}; ${s.actions} actions, ${(s.searchMs / 1000).toFixed(1)} s, ` +
    `${s.actionsPerSecond} actions/s`);
  const h = s.neighbourhood;
  if (s.hood > 0) {
    out.push(`  neighbourhoods to depth ${s.hood}: ${h.roots} explored (${h.cut} cut), ${h.states} states, ` +
      `${h.transitions} transitions${h.found ? "; the violation was found in one" : ""}`);
  }
  for (const [name, reached] of Object.entries(s.sometimes)) {
    out.push(`  sometimes "${name}": ${reached ? "reached" : "not reached"}`);
  }
  const v = s.violations[0];
  if (s.traceError !== null) {
    out.push(`  TRACE ERROR: a run violated an invariant but ${s.traceError}`);
  } else if (v !== undefined && shrunk !== null) {
    process.stderr.write(`VIOLATION of ${v.invariant}: ${v.message}\n${traceLines(shrunk, c.n).join("\n")}\n`);
    out.push(`  VIOLATION of ${v.invariant}: ${v.message}`);
    out.push(`  shrunk ${v.stepsBeforeTraceShrink} -> ${v.steps} steps (${shrunk.shrinkSummary}); ` +
      `then ${v.healedSteps} healed steps`);
    out.push(`  trace: ${s.trace}`);
    out.push(`  replay it: npm run replay -- ${s.trace}`);
  } else if (s.verdict === "vacuous") {
    out.push(vacuousLine(missingWitnesses(reachedIn(s.sometimes), s.expected)));
  } else if (s.verdict === "incomplete") {
    out.push(`  INCOMPLETE: the time bound stopped the search after ${s.excursions} excursions; no violation in those`);
  } else {
    const liveness = s.liveness === "judged" ? " or liveness" : "";
    out.push(`  clean: no excursion violated ${judgedInvariants()}${liveness} (a search, not a proof)`);
  }
  out.push(`  re-run: ${s.rerun}`);
  process.stdout.write(`${out.join("\n")}\n`);
}
