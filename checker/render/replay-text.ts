/**
 * The replay report as text: the config line, the run step by step (with
 * --verbose, what each stepped node emitted), the first divergence, and one
 * verdict line that says what the exit code means.
 */
import { assertNever } from "../../impl/core/assert.js";
import { formatAction, nodeName } from "./action-format.js";
import type { CheckConfig } from "../model/check-config.js";
import { emittedLines } from "./output-format.js";
import type { ReplayReport } from "../trace/replay.js";

export function configLine(c: CheckConfig): string {
  const byzantine = c.byzantine.map((b) => nodeName(b, c.n)).join(",");
  return `n=${c.n} f=${c.f} byzantine=[${byzantine}] coordinator=${c.coordinator} ` +
    `strategy=${c.strategy} txns=${c.txns.length} budgets=${JSON.stringify(c.budgets)} mutant=${c.mutant ?? "none"}`;
}

export function replayLines(report: ReplayReport, verbose: boolean): string[] {
  const { trace } = report;
  const n = trace.config.n;
  const recorded = trace.violation === null
    ? "no violation"
    : `${trace.violation.invariant}: ${trace.violation.message}`;
  const seed = trace.seed === null ? "" : `, seed ${trace.seed}`;
  const out = [
    `config: ${configLine(report.ctx.config)}`,
    `recorded (${trace.mode}${seed}): ${trace.actions.length} steps, ${recorded}`,
  ];
  for (const step of report.steps) {
    const mark = step.applied ? "" : "  [skipped: no longer enabled]";
    out.push(`${String(step.number).padStart(4)}. ${formatAction(step.record, n)}${mark}`);
    if (verbose && step.emitted !== null) {
      for (const line of emittedLines(step.emitted, n)) out.push(`        ${line.text}`);
    }
    if (step.violation !== null) {
      out.push(`        VIOLATION of ${step.violation.invariant}: ${step.violation.message}`);
    }
  }
  if (report.firstDivergence !== null) {
    const d = report.firstDivergence;
    out.push(`diverges at step ${d.step} (${d.kind}): ${d.detail}`);
  }
  out.push(verdictLine(report));
  return out;
}

export function verdictLine(report: ReplayReport): string {
  const recorded = report.trace.violation;
  const v = report.violation;
  const where = report.violationStep === null ? "after the last step's healed phase"
    : report.violationStep === 0 ? "in the initial world"
      : `at step ${report.violationStep} of ${report.trace.actions.length}`;
  switch (report.verdict) {
    case "reproduced":
      return `REPRODUCED: ${v?.invariant} ${where}: ${v?.message}`;
    case "other-violation":
      return `VIOLATION of ${v?.invariant} ${where} ` +
        `(the trace recorded ${recorded === null ? "none" : recorded.invariant}): ${v?.message}`;
    case "clean":
      return recorded === null ? "CLEAN: the trace runs without a violation, as recorded"
        : `CLEAN: the recorded violation of ${recorded.invariant} no longer happens` +
          `${report.skipped > 0 ? ` (${report.skipped} steps no longer enabled were skipped)` : ""}: a fixed bug; ` +
          "keep the trace as a regression test under traces/fixed/";
    case "unreplayable": {
      const d = report.firstDivergence;
      return `UNREPLAYABLE: step ${d?.step}: ${d?.detail}`;
    }
    default: return assertNever(report.verdict);
  }
}
