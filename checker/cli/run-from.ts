/**
 * `npm run check -- --from TRACE`: a search rooted at the end state of a trace file (a
 * counterexample, or a recorded prefix such as traces/roots/*.json) instead of the initial
 * world. BFS: `--depth` counts from there. BFS from the start cannot reach where a view
 * change is under way within any depth it can finish; from a prefix that put it there,
 * every continuation within a few steps is judged. Random and coverage: every run (every
 * excursion's archive) starts there, spends what is left of the trace's fault budgets, and
 * ends with the healed phase and the liveness judgement, which BFS does not give: a
 * liveness gap that needs a long, precise prefix (a participant left behind in a way no
 * random run stumbles on) is then a few runs away. The trace's config is the search's
 * (config flags are refused); a counterexample's trace is the prefix followed by the
 * search's steps, from the initial world, so it replays like any other.
 */
import { makeContext } from "../model/context.js";
import { exploreBfs, latentReductionProblem } from "../model/world-bfs.js";
import { loadTrace } from "../trace/trace-file.js";
import { replayPrefix, type SearchRoot } from "../search/trace-prefix.js";
import type { CheckConfig } from "../model/check-config.js";
import type { CheckMode, SearchBounds } from "./check-options.js";
import { outcome, report, startRun, type RunOutput, type SearchOutcome } from "./run-bfs.js";
import { runCoverage } from "./run-coverage.js";
import { runRandom } from "./run-random.js";

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function runFrom(file: string, mode: CheckMode, bounds: SearchBounds, output: RunOutput, corrupt = false):
  number {
  if (mode !== "bfs") {
    const loaded = loadRoot(file, corrupt);
    if (!loaded.ok) {
      process.stderr.write(`check: --from ${loaded.error}\n`);
      return 2;
    }
    const { config, root } = loaded.value;
    return mode === "random" ? runRandom(config, bounds, output, root) : runCoverage(config, bounds, output, root);
  }
  const searched = searchFrom(file, bounds, output.outDir, corrupt);
  if (!searched.ok) {
    process.stderr.write(`check: --from ${searched.error}\n`);
    return 2;
  }
  return report(searched.value, output);
}

/**
 * The trace's config (with `corrupt`, see below) and its actions as a search root, replayed once here so that a
 * step that is not enabled is a one-line error before any run starts.
 */
export function loadRoot(file: string, corrupt = false): Result<{ config: CheckConfig; root: SearchRoot }> {
  const loaded = loadTrace(file);
  if (!loaded.ok) return loaded;
  const config = corrupt ? { ...loaded.value.config, corrupt: true } : loaded.value.config;
  const replayed = replayPrefix(file, loaded.value.trace, makeContext(config));
  if (!replayed.ok) return replayed;
  return { ok: true, value: { config, root: { file, records: loaded.value.trace.actions } } };
}

/**
 * The search from the trace's end state, its summary naming the trace and the prefix's length. `corrupt` adds the
 * adversary's single-field corruptions to the trace's config (a trace recorded without them replays under them:
 * they only add moves); the prefix's indices and the counterexample's config are then the corrupted alphabet's.
 */
export function searchFrom(file: string, bounds: SearchBounds, outDir: string, corrupt = false):
  Result<SearchOutcome> {
  const loaded = loadTrace(file);
  if (!loaded.ok) return loaded;
  const { trace } = loaded.value;
  const config = corrupt ? { ...loaded.value.config, corrupt: true } : loaded.value.config;
  const ctx = makeContext(config);
  const prefix = replayPrefix(file, trace, ctx);
  if (!prefix.ok) return prefix;
  // The latent-Byzantine reduction is unsound with two Byzantine participants: the trace's config decides.
  const latent = bounds.reduceLatentByzantine && latentReductionProblem(config) === null;
  const run = startRun({ ...bounds, reduceLatentByzantine: latent });
  const result = exploreBfs(ctx, { ...run.options, root: prefix.value.world });
  const violation = result.violation === null ? null
    : { ...result.violation, path: [...prefix.value.indices, ...result.violation.path] };
  const searched = outcome(config, ctx, bounds, outDir, { ...result, violation }, run, [], false);
  const summary = { ...searched.summary, from: file, prefixSteps: prefix.value.indices.length };
  return { ok: true, value: { ...searched, summary } };
}
