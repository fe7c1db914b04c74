/**
 * Command-line flags for `npm run check`, with node:util's parseArgs (a
 * maintained built-in; no dependency needed). Every mistake becomes one line.
 */
import { parseArgs } from "node:util";

export type FlagValue = string | boolean | undefined;

export interface FlagSpec {
  readonly name: string;
  readonly type: "string" | "boolean";
  readonly help: string;
  readonly default?: string;
}

export type Parsed =
  | { ok: true; values: Record<string, FlagValue>; positionals: string[] }
  | { ok: false; error: string };

/** `positionalsMax`: how many plain arguments (like replay's trace file) the command takes. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], positionalsMax = 0): Parsed {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const s of specs) options[s.name] = { type: s.type };
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    if (positionals.length > positionalsMax) {
      return { ok: false, error: `unexpected argument "${positionals[positionalsMax]}"` };
    }
    return { ok: true, values: values as Record<string, FlagValue>, positionals };
  } catch (e) {
    // parseArgs explains itself in its first line; the rest is a hint we replace with --help.
    return { ok: false, error: String((e as Error).message).split("\n")[0] ?? "bad flags" };
  }
}

/** An integer flag in [min, max], or an error line. */
export function intFlag(
  values: Record<string, FlagValue>, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER,
): { ok: true; value: number } | { ok: false; error: string } {
  const raw = values[name];
  if (raw === undefined) return { ok: true, value: fallback };
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw)) {
    return { ok: false, error: `--${name} takes an integer, got "${String(raw)}"` };
  }
  const value = Number(raw);
  if (value < min || value > max) return { ok: false, error: `--${name} must be in ${min}..${max}, got ${value}` };
  return { ok: true, value };
}

export function choiceFlag<T extends string>(
  values: Record<string, FlagValue>, name: string, choices: readonly T[], fallback: T,
): { ok: true; value: T } | { ok: false; error: string } {
  const raw = values[name];
  if (raw === undefined) return { ok: true, value: fallback };
  if (typeof raw === "string" && (choices as readonly string[]).includes(raw)) return { ok: true, value: raw as T };
  return { ok: false, error: `--${name} must be one of ${choices.join("|")}, got "${String(raw)}"` };
}

export function helpText(command: string, summary: string, specs: readonly FlagSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length + (s.type === "string" ? 4 : 0)));
  const lines = specs.map((s) => {
    const flag = `--${s.name}${s.type === "string" ? " <v>" : ""}`.padEnd(width + 4);
    return `  ${flag}  ${s.help}${s.default !== undefined ? ` (default: ${s.default})` : ""}`;
  });
  return `usage: ${command} [flags]\n\n${summary}\n\n${lines.join("\n")}\n`;
}
