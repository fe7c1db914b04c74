/**
 * `npm run check -- --from TRACE`: the exhaustive search rooted at the end state of a
 * trace file (a counterexample, or a recorded prefix such as traces/roots/*.json) instead
 * of the initial world: `--depth` counts from there. BFS from the start cannot reach
 * where a view change is under way within any depth it can finish; from a prefix that
 * put it there, every continuation within a few steps is judged. The trace's config is
 * the search's (config flags are refused); a counterexample's trace is the prefix
 * followed by the search's path, from the initial world, so it replays like any other.
 */
import type { Trace } from "../../spec/trace.js";
import { matchAction } from "../model/action-codec.js";
import { enabledActions } from "../model/actions.js";
import { apply } from "../model/apply.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { initialWorld } from "../model/initial-world.js";
import type { World } from "../model/world.js";
import { exploreBfs, latentReductionProblem } from "../model/world-bfs.js";
import { loadTrace } from "../trace/trace-file.js";
import type { SearchBounds } from "./check-options.js";
import { outcome, report, startRun, type RunOutput, type SearchOutcome } from "./run-bfs.js";

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The world at the end of the trace's actions and their indices, or the step that does not replay. */
export function replayPrefix(file: string, trace: Trace, ctx: CheckContext):
  Result<{ world: World; indices: number[] }> {
  let world = initialWorld(ctx);
  const indices: number[] = [];
  for (const [i, record] of trace.actions.entries()) {
    const match = matchAction(world, ctx, record);
    if (match === null) return { ok: false, error: `${file}: step ${i + 1} (${record.kind}) is not enabled there` };
    // A loose match (a move the enumeration leaves out as a self-loop) has no index a path could name.
    if (match.index >= enabledActions(world, ctx).length) {
      return { ok: false, error: `${file}: step ${i + 1} is a move the search does not enumerate there` };
    }
    indices.push(match.index);
    world = apply(world, match.action, ctx).world;
  }
  return { ok: true, value: { world, indices } };
}

export function runFrom(file: string, bounds: SearchBounds, output: RunOutput, corrupt = false): number {
  const searched = searchFrom(file, bounds, output.outDir, corrupt);
  if (!searched.ok) {
    process.stderr.write(`check: --from ${searched.error}\n`);
    return 2;
  }
  return report(searched.value, output);
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
