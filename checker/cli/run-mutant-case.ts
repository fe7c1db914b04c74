/**
 * Running one catalog entry: its flags become a config and search bounds exactly
 * as `npm run check` reads them, the mutant is added (or, for the unmutated
 * control, left out), and the BFS or random search runs and writes its shrunk
 * trace. The result is one row of the `npm run mutants` table.
 */
import { checkConfigFromFlags, checkFlags, type CheckMode, type SearchBounds } from "../cli/check-options.js";
import { parseFlags } from "../cli/flags.js";
import { searchBfs } from "../cli/run-bfs.js";
import { searchCoverage } from "../cli/run-coverage.js";
import { searchRandom } from "../cli/run-random.js";
import type { CheckConfig } from "../model/check-config.js";
import type { MutantCase } from "../mutants/mutant-case.js";

/**
 * caught: the expected invariant was violated; caught-other: another one was (the
 * catalog's claim is wrong); survived: no violation; clean/dirty: the verdicts of
 * the unmutated control, which must be clean.
 */
export type CaseStatus = "caught" | "caught-other" | "survived" | "clean" | "dirty";

export interface CaseRow {
  readonly mutant: string;
  readonly expected: string;
  /** The violated invariant, or null. */
  readonly found: string | null;
  readonly mode: CheckMode;
  /** BFS: the depth bound; random: the runs asked for; coverage: the excursions asked for. */
  readonly bound: number;
  /** BFS: distinct states; random: runs executed (fast-check's shrinking included); coverage: excursions run. */
  readonly states: number;
  readonly seconds: number;
  /** Steps of the shrunk trace (a random trace includes its healed phase); null without one. */
  readonly traceSteps: number | null;
  readonly trace: string | null;
  readonly verdict: string;
  readonly status: CaseStatus;
  /** The command that runs this search by hand. */
  readonly command: string;
  /** The entry's note on what the checker lacks, for a mutant it cannot catch yet. */
  readonly gap: string | null;
}

export interface Search {
  readonly config: CheckConfig;
  readonly bounds: SearchBounds;
  readonly mode: CheckMode;
}

/** Issue 6's bound: every mutant is caught within a minute on this 2-core machine, or it survives. */
export const caseSecondsMax = 60;

function flagsOf(entry: MutantCase, mutated: boolean): string[] {
  return [...entry.search, "--max-seconds", String(caseSecondsMax), ...(mutated ? ["--mutant", entry.mutant] : [])];
}

/** The entry's search; `mutated` false gives the unmutated control. Throws on a catalog mistake (bad flags). */
export function searchOf(entry: MutantCase, mutated: boolean): Search {
  const flags = flagsOf(entry, mutated);
  const parsed = parseFlags(flags, checkFlags);
  if (!parsed.ok) throw new Error(`catalog entry ${entry.mutant}: ${parsed.error}`);
  const options = checkConfigFromFlags(parsed.values);
  if (!options.ok) throw new Error(`catalog entry ${entry.mutant}: ${options.error}`);
  return options.value;
}

export function commandOf(entry: MutantCase, mutated: boolean): string {
  return `npm run check -- ${flagsOf(entry, mutated).map((f) => (f === "" ? '""' : f)).join(" ")}`;
}

export function runCase(entry: MutantCase, outDir: string, mutated: boolean): CaseRow {
  const { config, bounds, mode } = searchOf(entry, mutated);
  const base = {
    mutant: entry.mutant, expected: entry.expected, mode, command: commandOf(entry, mutated), gap: entry.gap ?? null,
  };
  if (mode === "bfs") {
    const { summary } = searchBfs(config, bounds, outDir);
    const found = summary.violations[0]?.invariant ?? null;
    return {
      ...base, found, bound: bounds.depthMax, states: summary.distinctStates, seconds: summary.elapsedMs / 1000,
      traceSteps: summary.violations[0]?.steps ?? null, trace: summary.trace, verdict: summary.verdict,
      status: statusOf(entry, found, mutated, summary.exitCode),
    };
  }
  if (mode === "coverage") {
    const { summary, shrunk } = searchCoverage(config, bounds, outDir);
    const found = summary.violations[0]?.invariant ?? null;
    return {
      ...base, found, bound: bounds.runs, states: summary.excursions, seconds: summary.elapsedMs / 1000,
      traceSteps: shrunk?.trace.actions.length ?? null, trace: summary.trace, verdict: summary.verdict,
      status: statusOf(entry, found, mutated, summary.exitCode),
    };
  }
  const { summary, shrunk } = searchRandom(config, bounds, outDir);
  const found = summary.violations[0]?.invariant ?? null;
  return {
    ...base, found, bound: bounds.runs, states: summary.executedRuns, seconds: summary.elapsedMs / 1000,
    traceSteps: shrunk?.trace.actions.length ?? null, trace: summary.trace, verdict: summary.verdict,
    status: statusOf(entry, found, mutated, summary.exitCode),
  };
}

function statusOf(entry: MutantCase, found: string | null, mutated: boolean, exitCode: number): CaseStatus {
  if (!mutated) return exitCode === 0 ? "clean" : "dirty";
  if (found === null) return "survived";
  return found === entry.expected ? "caught" : "caught-other";
}
