/**
 * Shrinking a whole trace for an explorer's report: the shrunk records become a
 * trace again (same mode, seed and config; fingerprints recomputed) and the
 * report gets one line saying what the shrink removed.
 */
import type { ActionRecord, Trace } from "../../spec/trace.js";
import { documentFromRecords } from "../engine/trace-document.js";
import type { CheckContext } from "../model/context.js";
import { worldRunModel } from "../model/world-run-model.js";
import { shrinkTrace, type ShrinkOptions, type ShrinkResult } from "./shrink.js";
import { traceHeader, type TraceMeta } from "./trace-file.js";

export interface ShrunkTrace {
  readonly trace: Trace;
  /** Null when the trace had no violation to shrink. */
  readonly result: ShrinkResult | null;
  /** One line for the report, e.g. "shrunk 9 -> 6 steps: removed 2 Byzantine moves, ...". */
  readonly summary: string;
}

export function shrinkAndDescribe(ctx: CheckContext, trace: Trace, options: ShrinkOptions = {}): ShrunkTrace {
  if (trace.violation === null) return { trace, result: null, summary: "no violation: nothing to shrink" };
  const result = shrinkTrace(ctx, trace.actions, undefined, options);
  const meta = { mode: trace.mode, seed: trace.seed, violation: result.violation };
  const shrunk = traceFromRecords(ctx, result.records, meta);
  return { trace: shrunk, result, summary: describeShrink(result) };
}

export function describeShrink(r: ShrinkResult): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  const { byzantine, faults, steps } = r.removed;
  return `shrunk ${r.lengthBefore} -> ${r.records.length} steps: removed ${plural(byzantine, "Byzantine move")}, ` +
    `${plural(faults, "fault")}, ${plural(steps, "other step")}; ` +
    `node switches ${r.switches.before} -> ${r.switches.after} ` +
    `(${r.minimal ? "1-minimal" : "attempt bound reached, maybe not 1-minimal"}, ${plural(r.attempts, "replay")})`;
}

/** Re-runs records that are all enabled in turn and records the fingerprint after each, as a trace file holds them. */
export function traceFromRecords(ctx: CheckContext, records: readonly ActionRecord[], meta: TraceMeta): Trace {
  const fields = { mode: meta.mode, seed: meta.seed, config: ctx.config };
  try {
    return documentFromRecords(worldRunModel(ctx), traceHeader, fields, records, meta.violation);
  } catch (e) {
    throw new Error(`traceFromRecords: ${e instanceof Error ? e.message : String(e)}`);
  }
}
