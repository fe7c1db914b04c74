/**
 * One verdict and exit code for every search (BFS, random, coverage). A search a
 * budget stopped (time, states, memory) is incomplete whatever it reached: "vacuous"
 * is a claim about the whole bound ("nobody decides within it"), which a cut-short
 * search cannot make. A counterexample whose trace cannot be rebuilt is the
 * checker's own failure and says so with its own code, never a crash.
 */
export const exitCodes = { clean: 0, violation: 1, vacuous: 1, usage: 2, incomplete: 3, traceError: 4 } as const;

export type Verdict = "clean" | "violation" | "vacuous" | "incomplete" | "trace-error";

export interface VerdictInput {
  readonly violation: boolean;
  /** A time, state or memory bound ended the search before its own bound (depth, runs). */
  readonly stoppedByBudget: boolean;
  /** The required witness ("an honest participant decides") was reached. */
  readonly witnessReached: boolean;
  readonly traceError: boolean;
}

export function verdictOf(v: VerdictInput): { verdict: Verdict; exitCode: number } {
  if (v.traceError) return { verdict: "trace-error", exitCode: exitCodes.traceError };
  if (v.violation) return { verdict: "violation", exitCode: exitCodes.violation };
  if (v.stoppedByBudget) return { verdict: "incomplete", exitCode: exitCodes.incomplete };
  if (!v.witnessReached) return { verdict: "vacuous", exitCode: exitCodes.vacuous };
  return { verdict: "clean", exitCode: exitCodes.clean };
}

/** Runs a trace builder; a throw (a step that is not enabled on replay) becomes a one-line error. */
export function buildTrace<T>(build: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: build() };
  } catch (e) {
    const line = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "unknown error";
    return { ok: false, error: `could not rebuild the counterexample as a trace: ${line}` };
  }
}
