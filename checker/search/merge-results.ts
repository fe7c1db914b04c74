/**
 * Folding the `--json` summaries of the shards of one search (shard.ts) into one
 * verdict, the way a CI gate needs it:
 * - violation if any shard found one (each keeps its own trace);
 * - vacuous if none did and no shard reached the required witness (or a witness a shard was run to `--expect`);
 * - incomplete if any shard was incomplete, or a shard is missing or repeated, or
 *   the summaries are not of one search (mode, config, depth bound, shard count);
 * - clean only if every shard 1..N is present once and clean.
 * `sometimes` properties are the union: one shard reaching one is a witness.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { RunSummary } from "../../spec/run-summary.js";
import { requiredWitness } from "../../spec/invariants/index.js";
import { parseShard } from "../engine/shard.js";

export interface MergedViolation {
  readonly invariant: string;
  readonly message: string;
  readonly trace: string | null;
  readonly shard: string | null;
}

export interface MergedResult {
  readonly verdict: "clean" | "violation" | "vacuous" | "incomplete";
  /** Why the merge is incomplete beyond a shard's own verdict (missing shards, mixed searches). */
  readonly problems: readonly string[];
  readonly shards: number;
  readonly shardsExpected: number;
  readonly violations: readonly MergedViolation[];
  readonly sometimes: Readonly<Record<string, boolean>>;
  /** Sums over shards: shards share the levels above the split, so states are counted more than once. */
  readonly distinctStatesSum: number;
  readonly transitionsSum: number;
  /** The slowest shard: the wall time of the whole search when the shards ran at once. */
  readonly elapsedMsMax: number;
  readonly elapsedMsSum: number;
}

/** What must be equal across the shards of one search. */
const searchKey = (s: RunSummary): string =>
  canonicalJson({ mode: s.mode, config: s.config, depthMax: s.depthMax ?? null });

function shardProblems(summaries: readonly RunSummary[]): { problems: string[]; expected: number } {
  const problems: string[] = [];
  if (summaries.length === 0) return { problems: ["no summaries given"], expected: 1 };
  const keys = new Set(summaries.map(searchKey));
  if (keys.size > 1) {
    problems.push(`the summaries are of ${keys.size} different searches (mode, config or depth bound differ)`);
  }
  const shards = summaries.map((s) => s.shard ?? null);
  if (shards.every((s) => s === null)) {
    if (summaries.length > 1) problems.push(`${summaries.length} unsharded summaries: expected one, or shards 1..N`);
    return { problems, expected: 1 };
  }
  const parsed = shards.map((s) => (s === null ? null : parseShard(s)));
  const counts = new Set(parsed.map((p) => (p !== null && p.ok ? p.value.count : -1)));
  if (counts.has(-1) || counts.size > 1) {
    problems.push(`shard labels disagree: ${shards.map((s) => s ?? "none").join(", ")}`);
    return { problems, expected: Math.max(...[...counts].filter((c) => c > 0), summaries.length) };
  }
  const expected = [...counts][0] as number;
  const seen = new Map<number, number>();
  for (const p of parsed) if (p !== null && p.ok) seen.set(p.value.index, (seen.get(p.value.index) ?? 0) + 1);
  const label = (i: number): string => `${i + 1}/${expected}`;
  const missing = Array.from({ length: expected }, (_, i) => i).filter((i) => !seen.has(i)).map(label);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([i]) => label(i));
  if (missing.length > 0) problems.push(`missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  if (repeated.length > 0) {
    problems.push(`shard${repeated.length > 1 ? "s" : ""} given more than once: ${repeated.join(", ")}`);
  }
  return { problems, expected };
}

export function mergeResults(summaries: readonly RunSummary[]): MergedResult {
  const { problems, expected } = shardProblems(summaries);
  const violations = summaries.flatMap((s) =>
    s.violations.map((v) => ({ invariant: v.invariant, message: v.message, trace: s.trace, shard: s.shard ?? null })));
  const sometimes: Record<string, boolean> = {};
  for (const s of summaries) {
    for (const [name, reached] of Object.entries(s.sometimes)) sometimes[name] = (sometimes[name] ?? false) || reached;
  }
  const incomplete = problems.length > 0 || summaries.some((s) => s.verdict === "incomplete");
  // The required witness and every `--expect`ed one must be reached by some shard.
  const witnesses = new Set([requiredWitness.name, ...summaries.flatMap((s) => s.expected ?? [])]);
  const unreached = [...witnesses].some((name) => sometimes[name] !== true);
  const verdict = violations.length > 0 || summaries.some((s) => s.verdict === "violation") ? "violation"
    : unreached && summaries.length > 0 && !incomplete ? "vacuous"
    : incomplete ? "incomplete" : "clean";
  const sum = (f: (s: RunSummary) => number): number => summaries.reduce((a, s) => a + f(s), 0);
  return {
    verdict, problems, shards: summaries.length, shardsExpected: expected, violations, sometimes,
    distinctStatesSum: sum((s) => s.distinctStates ?? 0), transitionsSum: sum((s) => s.transitions ?? 0),
    elapsedMsMax: summaries.reduce((a, s) => Math.max(a, s.elapsedMs), 0), elapsedMsSum: sum((s) => s.elapsedMs),
  };
}

/** The exit code of a merged verdict, as `npm run check` gives it: 0 clean, 1 violation or vacuous, 3 incomplete. */
export function mergedExitCode(r: MergedResult): number {
  return r.verdict === "clean" ? 0 : r.verdict === "incomplete" ? 3 : 1;
}
