/**
 * Running one catalog entry: its flags become a config and search bounds exactly
 * as `npm run check` reads them, the mutant is added (or, for the unmutated
 * control, left out), and the BFS or random search runs and writes its shrunk
 * trace. The result is one row of the `npm run mutants` table.
 *
 * The entry's counts (depth, runs, excursions, steps) bound its search; the wall clock is only a safety net
 * far above what they need, so a verdict never depends on the machine's load. A search the net stops is
 * incomplete: its own status, neither caught nor survived.
 */
import { checkConfigFromFlags, checkFlags, type CheckMode, type SearchBounds } from "../cli/check-options.js";
import { parseFlags } from "../cli/flags.js";
import { searchBfs } from "../cli/run-bfs.js";
import { searchCoverage } from "../cli/run-coverage.js";
import { searchRandom } from "../cli/run-random.js";
import type { CheckConfig } from "../model/check-config.js";
import type { MutantCase } from "../mutants/mutant-case.js";
import type { Verdict } from "./verdict.js";

/**
 * caught: the expected invariant was violated; caught-other: another one was (the
 * catalog's claim is wrong); survived: no violation within the entry's counts; clean/dirty:
 * the verdicts of the unmutated control, which must be clean; incomplete: the safety net (or
 * a BFS's states or memory bound) stopped the search before its counts and before any
 * violation, so there is no verdict.
 */
export type CaseStatus = "caught" | "caught-other" | "survived" | "clean" | "dirty" | "incomplete";

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
  /** Measured wall time: a figure to report, never part of the verdict. */
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

/**
 * The safety net, in wall seconds: far above what any entry's counts take (README "The mutant catalog" has each
 * row's seconds), so only a search that no longer ends within its counts meets it. It was issue 6's 60 s verdict
 * bound, under which a loaded machine could fail a search that its counts would have finished.
 */
export const caseSafetyNetSeconds = 600;

export interface CaseOptions {
  /** The safety net in whole seconds (`npm run mutants -- --max-seconds`); `caseSafetyNetSeconds` unless set. */
  readonly safetyNetSeconds?: number;
}

function flagsOf(entry: MutantCase, mutated: boolean, options: CaseOptions): string[] {
  const net = String(options.safetyNetSeconds ?? caseSafetyNetSeconds);
  return [...entry.search, "--max-seconds", net, ...(mutated ? ["--mutant", entry.mutant] : [])];
}

/** The entry's search; `mutated` false gives the unmutated control. Throws on a catalog mistake (bad flags). */
export function searchOf(entry: MutantCase, mutated: boolean, options: CaseOptions = {}): Search {
  // Its counts are its bound: a wall-clock budget of its own, or a BFS without a depth, would make it none.
  const unbounded = entry.search.find((f) => f === "--max-seconds" || f === "--exhaustive");
  if (unbounded !== undefined) throw new Error(`catalog entry ${entry.mutant}: ${unbounded} (its counts bound it)`);
  const parsed = parseFlags(flagsOf(entry, mutated, options), checkFlags);
  if (!parsed.ok) throw new Error(`catalog entry ${entry.mutant}: ${parsed.error}`);
  const search = checkConfigFromFlags(parsed.values);
  if (!search.ok) throw new Error(`catalog entry ${entry.mutant}: ${search.error}`);
  return search.value;
}

export function commandOf(entry: MutantCase, mutated: boolean, options: CaseOptions = {}): string {
  return `npm run check -- ${flagsOf(entry, mutated, options).map((f) => (f === "" ? '""' : f)).join(" ")}`;
}

export function runCase(entry: MutantCase, outDir: string, mutated: boolean, options: CaseOptions = {}): CaseRow {
  const { config, bounds, mode } = searchOf(entry, mutated, options);
  const base = {
    mutant: entry.mutant, expected: entry.expected, mode, command: commandOf(entry, mutated, options),
    gap: entry.gap ?? null,
  };
  if (mode === "bfs") {
    const { summary } = searchBfs(config, bounds, outDir);
    const found = summary.violations[0]?.invariant ?? null;
    return {
      ...base, found, bound: bounds.depthMax, states: summary.distinctStates, seconds: summary.elapsedMs / 1000,
      traceSteps: summary.violations[0]?.steps ?? null, trace: summary.trace, verdict: summary.verdict,
      status: statusOf(entry, found, mutated, summary.verdict),
    };
  }
  if (mode === "coverage") {
    const { summary, shrunk } = searchCoverage(config, bounds, outDir);
    const found = summary.violations[0]?.invariant ?? null;
    return {
      ...base, found, bound: bounds.runs, states: summary.excursions, seconds: summary.elapsedMs / 1000,
      traceSteps: shrunk?.trace.actions.length ?? null, trace: summary.trace, verdict: summary.verdict,
      status: statusOf(entry, found, mutated, summary.verdict),
    };
  }
  const { summary, shrunk } = searchRandom(config, bounds, outDir);
  const found = summary.violations[0]?.invariant ?? null;
  return {
    ...base, found, bound: bounds.runs, states: summary.executedRuns, seconds: summary.elapsedMs / 1000,
    traceSteps: shrunk?.trace.actions.length ?? null, trace: summary.trace, verdict: summary.verdict,
    status: statusOf(entry, found, mutated, summary.verdict),
  };
}

/** From the search's verdict (verdict.ts): a violation wins over a budget stop, as there. */
function statusOf(entry: MutantCase, found: string | null, mutated: boolean, verdict: Verdict): CaseStatus {
  if (verdict === "incomplete") return "incomplete";
  if (!mutated) return verdict === "clean" ? "clean" : "dirty";
  if (found === null) return "survived";
  return found === entry.expected ? "caught" : "caught-other";
}
