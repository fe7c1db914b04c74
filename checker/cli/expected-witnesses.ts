/**
 * `--expect`: sometimes properties a run must reach besides the required witness ("an honest participant
 * decides"). A gate that means to cover a view change says so, and a change that stops the search from reaching
 * one fails the gate as vacuous (exit 1) instead of passing it clean: "clean" over a world that never got there
 * proves nothing about it.
 */
import { requiredWitness, sometimesProperties } from "../../spec/invariants/index.js";
import type { FlagValue } from "./flags.js";

type Parsed = { ok: true; value: readonly string[] } | { ok: false; error: string };

/** The names listed by `--expect` (comma separated), each a sometimes property's name; none when absent. */
export function expectedWitnesses(raw: FlagValue | undefined): Parsed {
  if (raw === undefined) return { ok: true, value: [] };
  if (typeof raw !== "string") return { ok: false, error: "--expect takes a comma list of sometimes properties" };
  const names = raw.split(",").map((x) => x.trim()).filter((x) => x.length > 0);
  const known = sometimesProperties.map((p) => p.name);
  for (const name of names) {
    if (!known.includes(name)) {
      return { ok: false, error: `--expect: "${name}" is not a sometimes property (${known.join("; ")})` };
    }
  }
  return { ok: true, value: names };
}

/** The witnesses a run must reach (the required one first) that `reached` lacks. */
export function missingWitnesses(reached: readonly string[], expected: readonly string[] = []): string[] {
  return [requiredWitness.name, ...expected].filter((name) => !reached.includes(name));
}

/** The report's line for a vacuous run: which witnesses were never reached. */
export function vacuousLine(missing: readonly string[]): string {
  return `  VACUOUS: ${missing.map((m) => `"${m}"`).join(", ")} never reached, so "no violation" proves nothing`;
}

/** The names a summary's `sometimes` table marks reached. */
export function reachedIn(sometimes: Readonly<Record<string, boolean>>): string[] {
  return Object.entries(sometimes).filter(([, reached]) => reached).map(([name]) => name);
}
