/**
 * Replaying a trace file through the real core (DESIGN.md §7): rebuild the
 * context from the trace's own config (mutant included), match each recorded
 * action among the enabled ones, apply it, compare the world's fingerprint with
 * the recorded one, and hold every state to the invariants. Pure: the CLI
 * (cli/replay-main.ts) prints and renders the report.
 *
 * How a step that diverges is treated:
 *   1. A fingerprint that differs is named (the first one) and the run goes on:
 *      the world's encoding or the core changed since the trace was written.
 *   2. An action that is not enabled while every earlier fingerprint matched is a
 *      contradiction (the world is the recorded one, yet the recorded move is not
 *      possible there): the trace is unreplayable and the run stops.
 *   3. An action that is not enabled after the world already differs is skipped:
 *      a changed rule (a fixed bug, a mutant removed) stopped a message being
 *      sent, so its delivery cannot happen. The run goes on, and if no violation
 *      follows, the trace now runs clean.
 * The run stops at the first violation. A recorded liveness violation is judged
 * at the end. A trace holds its run's healed phase, so when every step replayed
 * exactly (no divergence) the world is the one the run was judged in, and it is
 * judged there: continuing the healed phase would give the run more steps than
 * it had and could call a bound violation clean. When the world diverged (a fixed
 * bug, a mutant removed) the healed phase continues from the last step, as random
 * runs do (random-run.ts finishRun), so the changed rule gets its own chance.
 */
import type { ActionRecord, Trace } from "../../spec/trace.js";
import { assertNever } from "../../impl/core/assert.js";
import { matchAction } from "../model/action-codec.js";
import type { CheckConfig } from "../model/check-config.js";
import { stepObserved, type Judged } from "../model/checked-step.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { firstViolation } from "../model/first-violation.js";
import { WorldFingerprinter } from "../model/fingerprint.js";
import { healedStepsMax } from "../model/healed-phase.js";
import { undecided } from "../model/liveness.js";
import { initialWorld } from "../model/initial-world.js";
import { finishRun } from "../search/random-run.js";
import type { Emitted } from "../model/emitted.js";
import { fingerprintsProblem } from "../engine/trace-document.js";
import { worldFingerprintHex } from "./trace-file.js";
import type { World } from "../model/world.js";

export interface ReplayedStep {
  /** 1-based, as printed. */
  readonly number: number;
  readonly record: ActionRecord;
  /** False when the action was not enabled and the step was skipped (rule 3). */
  readonly applied: boolean;
  readonly fingerprint: string | null;
  readonly emitted: Emitted | null;
  readonly violation: Judged | null;
}

export interface Divergence {
  readonly step: number;
  readonly kind: "fingerprint" | "not-enabled";
  readonly detail: string;
}

/** reproduced: the recorded invariant is violated again; clean: no violation at all. */
export type ReplayVerdict = "reproduced" | "other-violation" | "clean" | "unreplayable";

export interface ReplayReport {
  readonly trace: Trace;
  readonly ctx: CheckContext;
  readonly steps: readonly ReplayedStep[];
  readonly violation: Judged | null;
  /** The step that violated; 0 for the initial world; null when none did or the end judgement found it. */
  readonly violationStep: number | null;
  readonly firstDivergence: Divergence | null;
  /** Steps skipped under rule 3. */
  readonly skipped: number;
  readonly verdict: ReplayVerdict;
}

export function replayTrace(trace: Trace, config: CheckConfig): ReplayReport {
  const ctx = makeContext(config);
  const fingerprinter = new WorldFingerprinter(ctx);
  let world = initialWorld(ctx);
  const steps: ReplayedStep[] = [];
  let firstDivergence: Divergence | null = null;
  const finish = (violation: Judged | null, violationStep: number | null, unreplayable = false): ReplayReport => ({
    trace, ctx, steps, violation, violationStep, firstDivergence, skipped: steps.filter((s) => !s.applied).length,
    verdict: unreplayable ? "unreplayable" : verdictOf(trace, violation),
  });
  const root = firstViolation(world, ctx);
  if (root !== null) return finish(root, 0);
  for (const [i, record] of trace.actions.entries()) {
    const number = i + 1;
    const match = matchAction(world, ctx, record);
    if (match === null) {
      steps.push({ number, record, applied: false, fingerprint: null, emitted: null, violation: null });
      if (firstDivergence !== null) continue; // rule 3
      const detail = "its action is not enabled in the recorded world";
      firstDivergence = { step: number, kind: "not-enabled", detail };
      return finish(null, null, true); // rule 2
    }
    const next = stepObserved(world, match.action, ctx);
    world = next.world;
    const fingerprint = worldFingerprintHex(world, ctx, fingerprinter);
    steps.push({ number, record, applied: true, fingerprint, emitted: next.emitted, violation: next.violation });
    const recorded = trace.fingerprints[i];
    if (firstDivergence === null && recorded !== fingerprint) {
      const detail = `the world's fingerprint is ${fingerprint}, the trace says ${recorded ?? "nothing"}`;
      firstDivergence = { step: number, kind: "fingerprint", detail };
    }
    if (next.violation !== null) return finish(next.violation, number);
  }
  return finish(judgeEnd(world, ctx, trace, firstDivergence === null), null);
}

/** A recorded liveness violation is judged after the healed phase, as the random run did; nothing else is. */
function judgeEnd(world: World, ctx: CheckContext, trace: Trace, exact: boolean): Judged | null {
  if (trace.violation?.invariant !== "liveness") return null;
  if (exact) {
    const open = undecided(world, ctx);
    if (open.length === 0) return null;
    const what = open.map((u) => `${u.txn} at ${u.missing.map((id) => `P${id}`).join(",")}`).join("; ");
    return { invariant: "liveness", message: `${what} undecided at the end of the recorded run` };
  }
  const options = { liveness: true, healedStepsMax: healedStepsMax(ctx.config.n, ctx.config.txns.length) };
  return finishRun(world, ctx, options).violation;
}

function verdictOf(trace: Trace, violation: Judged | null): ReplayVerdict {
  if (violation === null) return "clean";
  return violation.invariant === trace.violation?.invariant ? "reproduced" : "other-violation";
}

/** Exit codes of `npm run replay`: 1 a violation (reproduced or another), 0 clean, 2 unreplayable. */
export function replayExitCode(report: ReplayReport): 0 | 1 | 2 {
  switch (report.verdict) {
    case "reproduced":
    case "other-violation": return 1;
    case "clean": return 0;
    case "unreplayable": return 2;
    default: return assertNever(report.verdict);
  }
}

/** What loadTrace's schema cannot say: one fingerprint of 16 hex digits per action (the engine's check). */
export const fingerprintProblem = (trace: Trace): string | null => fingerprintsProblem(trace);
