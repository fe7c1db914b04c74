/**
 * The part of every `npm run check -- --json` summary (bfs, random, coverage) that
 * CI reports and `npm run merge-results` read: what was checked, the verdict, the
 * violations, and which `sometimes` properties were reached. Kept to the fields all
 * three modes print, so one reader serves them all.
 */
export type Verdict = "clean" | "violation" | "vacuous" | "incomplete";
export const verdicts: readonly Verdict[] = ["clean", "violation", "vacuous", "incomplete"];

export interface GateViolation {
  readonly invariant: string;
  readonly message: string;
}

export interface GateSummary {
  readonly mode: string;
  /** One of `verdicts` (the run summaries type it as a plain string). */
  readonly verdict: string;
  readonly violations: readonly GateViolation[];
  /** Property name -> reached. */
  readonly sometimes: Readonly<Record<string, boolean>>;
  /** The counterexample trace file, or null. */
  readonly trace: string | null;
  readonly elapsedMs: number;
  readonly stopReason?: string;
}
