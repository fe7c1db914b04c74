/**
 * Reads Stryker's JSON report (mutation-testing-report-schema: files -> mutants with a status and, for a kill,
 * the probe's output as status reason) and counts what the integrator needs: kills split by how the checker
 * noticed (a violation or lost witness, or a throw), probe runs a budget stopped (exit 3, which Stryker can
 * only call "Killed"), timeouts, survivors, no coverage and errors; and the survivors to triage.
 */
export interface ReportMutant {
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: string;
}

export interface MutationSummary {
  readonly total: number;
  /** A search reported a violation, a vacuous run or an unrebuildable trace. */
  readonly killedByVerdict: number;
  /** A search threw (the mutated core's own assert, or a TypeError). */
  readonly killedByThrow: number;
  /** The probe exited 3: a budget stopped a search and no search killed. Not counted as killed below. */
  readonly budgetStopped: number;
  readonly timedOut: number;
  readonly survived: readonly ReportMutant[];
  readonly noCoverage: number;
  /** Stryker's CompileError, RuntimeError and Ignored. */
  readonly other: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const record = (x: unknown): Record<string, unknown> | null =>
  typeof x === "object" && x !== null && !Array.isArray(x) ? x as Record<string, unknown> : null;

function lastProbeLine(reason: string): string {
  const lines = reason.split("\n").filter((l) => l.startsWith("mutation-probe: "));
  return lines[lines.length - 1] ?? "";
}

/** The summary of a parsed report, or one line saying what in it is not a Stryker JSON report. */
export function summarize(report: unknown): Result<MutationSummary> {
  const files = record(record(report)?.["files"]);
  if (files === null) return { ok: false, error: "not a Stryker JSON report: no \"files\" object" };
  let killedByVerdict = 0, killedByThrow = 0, budgetStopped = 0, timedOut = 0, noCoverage = 0, other = 0, total = 0;
  const survived: ReportMutant[] = [];
  for (const [file, entry] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const mutants = record(entry)?.["mutants"];
    if (!Array.isArray(mutants)) {
      return { ok: false, error: `not a Stryker JSON report: ${file} has no "mutants" list` };
    }
    for (const raw of mutants) {
      const m = record(raw);
      const status = m?.["status"];
      if (m === null || typeof status !== "string") {
        return { ok: false, error: `not a Stryker JSON report: a mutant of ${file} has no status` };
      }
      total++;
      const reason = typeof m["statusReason"] === "string" ? m["statusReason"] : "";
      if (status === "Killed") {
        const probe = lastProbeLine(reason);
        if (probe.startsWith("mutation-probe: incomplete")) budgetStopped++;
        else if (/: threw /.test(reason) && !/violation or vacuous/.test(probe)) killedByThrow++;
        else killedByVerdict++;
      } else if (status === "Timeout") timedOut++;
      else if (status === "NoCoverage") noCoverage++;
      else if (status === "Survived") {
        const start = record(record(m["location"])?.["start"]);
        survived.push({
          file, line: typeof start?.["line"] === "number" ? start["line"] : 0,
          mutator: String(m["mutatorName"] ?? "?"), replacement: String(m["replacement"] ?? "?"), status,
        });
      } else other++;
    }
  }
  return {
    ok: true,
    value: { total, killedByVerdict, killedByThrow, budgetStopped, timedOut, survived, noCoverage, other },
  };
}

/** The summary as the lines `npm run mutation` prints after Stryker's own table. */
export function summaryText(s: MutationSummary): string {
  const killed = s.killedByVerdict + s.killedByThrow;
  const judged = killed + s.survived.length;
  const score = judged === 0 ? "n/a" : `${(100 * killed / judged).toFixed(1)}%`;
  const lines = [
    `mutants ${s.total}: killed ${killed} (${s.killedByVerdict} by a violation or lost witness,`
      + ` ${s.killedByThrow} by a throw),`
      + ` survived ${s.survived.length}, timed out ${s.timedOut}, budget-stopped ${s.budgetStopped},`
      + ` no coverage ${s.noCoverage}, other ${s.other}`,
    `killed / (killed + survived), before triage: ${score} (timeouts and budget stops counted apart)`,
    ...s.survived.map((m) =>
      `  survived ${m.file}:${m.line} ${m.mutator} -> ${m.replacement.replace(/\s+/g, " ").slice(0, 80)}`),
  ];
  return `${lines.join("\n")}\n`;
}
