/**
 * `npm run check -- --mode random`: fast-check runs (explore-random.ts), then
 * on a failure the trace shrinker and a trace file; a report (or one JSON
 * summary with --json) that always names the seed and the command that
 * re-runs the search, and on a failure fast-check's path that re-runs only
 * the failing run. The wall-clock budget lives here, as in run-bfs.ts.
 */
import { sometimesProperties } from "../../spec/invariants/index.js";
import { describeAction } from "../model/action-codec.js";
import { formatAction } from "../render/action-format.js";
import type { CheckConfig } from "../model/check-config.js";
import { exploreRandom, type RandomFailure, type RandomResult } from "../search/explore-random.js";
import { livenessJudged } from "../model/liveness.js";
import { shrunkRandomTrace, type RandomTrace } from "../trace/random-trace.js";
import { writeTrace } from "../trace/trace-file.js";
import { describeWorkload } from "../model/workload.js";
import type { SearchBounds } from "./check-options.js";
import { Progress } from "./progress.js";
import { buildTrace, verdictOf, type Verdict } from "./verdict.js";
import { randomRerunCommand } from "./rerun-command.js";
import type { RunOutput } from "./run-bfs.js";
import { exitAfterCi } from "./ci-output.js";
import { judgedInvariants } from "./judged-invariants.js";
import { missingWitnesses, reachedIn, vacuousLine } from "./expected-witnesses.js";
import { rootFields, type SearchRoot } from "../search/trace-prefix.js";

/** Replays the trace shrinker may spend: fast-check has already shrunk the run, so this is a second pass. */
const traceShrinkAttemptsMax = 5_000;

export function runRandom(config: CheckConfig, bounds: SearchBounds, output: RunOutput,
  root: SearchRoot | null = null): number {
  const { summary, shrunk, vacuous } = searchRandom(config, bounds, output.outDir, root);
  // A shard's summary names its shard, so merge-results can tell a missing one (shard.ts).
  if (output.json) process.stdout.write(`${JSON.stringify({ ...summary, shard: output.shard })}\n`);
  else printReport(summary, shrunk, vacuous);
  return exitAfterCi(summary, summary.exitCode, output);
}

export type RandomSummary = ReturnType<typeof summarize> & {
  readonly verdict: Verdict; readonly traceError: string | null; readonly exitCode: number;
};

/**
 * The runs and their trace, without printing: `npm run check` prints it, `npm run mutants` tabulates it. From a
 * `root` (`--from`), each run starts at the trace's end, and a failure's trace is the root's actions followed by
 * the run's, from the initial world, so it replays (and shrinks) like any other.
 */
export function searchRandom(
  config: CheckConfig, bounds: SearchBounds, outDir: string, root: SearchRoot | null = null,
): { summary: RandomSummary; shrunk: RandomTrace | null; vacuous: boolean } {
  const started = Date.now();
  const progress = new Progress(started);
  const result = exploreRandom(config, {
    runs: bounds.runs, steps: bounds.steps, seed: bounds.seed, swarm: bounds.swarm, liveness: bounds.liveness,
    path: bounds.path, timeLimitMs: bounds.secondsMax * 1000, root,
    progress: (executed, actions) => progress.tick(`runs ${executed}  actions ${actions}`, executed),
  });
  progress.done();
  const searchMs = Date.now() - started;
  const failure = result.failure;
  const built = failure === null ? null : buildTrace(() => shrunkRandomTrace(
    failure.ctx, [...(root?.records ?? []), ...failure.outcome.actions.map(describeAction)],
    failure.runOptions, { seed: result.seed, attemptsMax: traceShrinkAttemptsMax }));
  const shrunk = built?.ok === true ? built.value : null;
  const traceError = built?.ok === false ? built.error : null;
  const tracePath = shrunk === null ? null : writeTrace(outDir, shrunk.trace);
  const { verdict, exitCode } = verdictOf({ violation: failure !== null, stoppedByBudget: result.interrupted,
    witnessReached: missingWitnesses(result.reached, bounds.expected).length === 0, traceError: traceError !== null });
  const summary = {
    ...summarize(config, bounds, result, { searchMs, elapsedMs: Date.now() - started }, shrunk, tracePath, root),
    verdict, traceError, exitCode,
  };
  return { summary, shrunk, vacuous: verdict === "vacuous" };
}

function violationOf(failure: RandomFailure, shrunk: RandomTrace) {
  const v = shrunk.trace.violation ?? failure.outcome.violation;
  return {
    invariant: v?.invariant ?? "unknown", message: v?.message ?? "",
    steps: shrunk.stepsAfter, healedSteps: shrunk.healedSteps, stepsBeforeTraceShrink: shrunk.stepsBefore,
    fastCheckPath: failure.path, config: failure.config,
  };
}

function summarize(
  config: CheckConfig, bounds: SearchBounds, r: RandomResult, time: { searchMs: number; elapsedMs: number },
  shrunk: RandomTrace | null, trace: string | null, root: SearchRoot | null,
) {
  const rerun = {
    runs: bounds.runs, steps: bounds.steps, seed: r.seed, swarm: bounds.swarm, liveness: bounds.liveness,
    expected: bounds.expected, from: root?.file,
  };
  return {
    mode: "random", config, ...rootFields(root), runs: r.runs, steps: bounds.steps, seed: r.seed,
    swarm: bounds.swarm,
    liveness: livenessJudged(bounds.liveness, config) ? "judged" : "not judged",
    violations: r.failure === null || shrunk === null ? [] : [violationOf(r.failure, shrunk)],
    sometimes: Object.fromEntries(sometimesProperties.map((p) => [p.name, r.reached.includes(p.name)])),
    expected: bounds.expected ?? [],
    executedRuns: r.executed, actions: r.actions, fastCheckShrinks: r.shrinks, interrupted: r.interrupted,
    digest: r.digest,
    elapsedMs: time.elapsedMs, searchMs: time.searchMs,
    runsPerSecond: Math.round(r.executed / Math.max(time.searchMs, 1) * 1000),
    trace,
    rerun: randomRerunCommand(config, rerun),
    rerunFailing: r.failure === null ? null : randomRerunCommand(config, { ...rerun, path: r.failure.path }),
  };
}

function printReport(s: RandomSummary, shrunk: RandomTrace | null, vacuous: boolean): void {
  const c = s.config;
  const out: string[] = [];
  const byzantine = c.byzantine.map((b) => `P${b}`).join(",");
  const mutant = c.mutant !== null ? ` mutant=${c.mutant}` : "";
  const swarm = s.swarm
    ? " swarm (n, f, budgets, strategy, Byzantine set, flags, stale reads, keys drawn per run)"
    : "";
  out.push(`byzcommit check (random): n=${c.n} f=${c.f} byzantine=[${byzantine}] coordinator=${c.coordinator} ` +
    `strategy=${c.strategy} ${describeWorkload(c.txns)} budgets=${JSON.stringify(c.budgets)}${mutant}` +
    `${swarm}`);
  if (s.from !== null) out.push(`  every run starts at the end of ${s.from} (${s.prefixSteps} steps)`);
  out.push(`  seed ${s.seed}: ${s.runs} runs of up to ${s.steps} steps then a healed phase, liveness ${s.liveness}; ` +
    `${s.executedRuns} runs executed (shrinking included), ${s.actions} actions, ` +
    `${(s.searchMs / 1000).toFixed(1)} s, ${s.runsPerSecond} runs/s`);
  for (const [name, reached] of Object.entries(s.sometimes)) {
    out.push(`  sometimes "${name}": ${reached ? "reached" : "not reached"}`);
  }
  const v = s.violations[0];
  if (s.traceError !== null) {
    out.push(`  TRACE ERROR: a run violated an invariant but ${s.traceError}`);
  } else if (v !== undefined && shrunk !== null) {
    process.stderr.write(`VIOLATION of ${v.invariant}: ${v.message}\n${traceLines(shrunk, c.n).join("\n")}\n`);
    out.push(`  VIOLATION of ${v.invariant}: ${v.message}`);
    out.push(`  after ${s.fastCheckShrinks} fast-check shrinks: ${v.stepsBeforeTraceShrink} steps; ` +
      `${shrunk.shrinkSummary}; then ${v.healedSteps} healed steps`);
    if (s.swarm) {
      const failingByzantine = v.config.byzantine.map((b) => `P${b}`).join(",");
      out.push(`  the failing run's config: n=${v.config.n} f=${v.config.f} byzantine=[${failingByzantine}] ` +
        `strategy=${v.config.strategy} ${describeWorkload(v.config.txns)} budgets=${JSON.stringify(v.config.budgets)}`);
    }
    out.push(`  trace: ${s.trace}`);
    out.push(`  replay it: npm run replay -- ${s.trace}`);
    out.push(`  re-run only the failing run: ${s.rerunFailing}`);
  } else if (vacuous) {
    out.push(vacuousLine(missingWitnesses(reachedIn(s.sometimes), s.expected)));
  } else if (s.verdict === "incomplete") {
    out.push(`  INCOMPLETE: the time bound stopped the search after ${s.runs} runs; no violation in those`);
  } else {
    out.push(`  clean: no run violated ${judgedInvariants()}${s.liveness === "judged" ? " or liveness" : ""}`);
  }
  out.push(`  re-run: ${s.rerun}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

export function traceLines(shrunk: RandomTrace, n: number): string[] {
  const lines = shrunk.trace.actions.map((a, i) => `${String(i + 1).padStart(3)}. ${formatAction(a, n)}`);
  if (shrunk.healedSteps > 0) {
    lines.splice(shrunk.stepsAfter, 0, "     -- healed phase: faults stop, everything is delivered, timers fire --");
  }
  return lines;
}
