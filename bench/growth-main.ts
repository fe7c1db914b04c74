/**
 * The growth table (issue 13): how states, transitions, time and memory grow with depth. For each world it runs
 * `check --json --depth D` for D = 1, 2, ... as a child process of its own (so peak RSS and CPU are the run's), and
 * stops at the first depth that does not finish within the per-row budget (or the space is exhausted). One row per
 * depth, printed as it finishes, so a cut-off run still leaves its rows.
 *
 *   node dist/bench/growth-main.js [--budget SECONDS] [--max-depth D] [--only NAME,...] [-- CHECK FLAGS...]
 *
 * Flags after `--` are added to every world's (e.g. `-- --reduce none`).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuLinePrefix, type CpuLine } from "./cpu-line.js";

/** The worlds of the table: the default gate's (f = 1), with the corruptions, and f = 2 (n = 7). */
export const growthWorlds: readonly { readonly name: string; readonly flags: readonly string[] }[] = [
  { name: "f1", flags: ["--f", "1"] },
  { name: "f1-corrupt", flags: ["--f", "1", "--corrupt"] },
  { name: "f2", flags: ["--f", "2"] },
  { name: "f2-one-txn", flags: ["--f", "2", "--txns", "1", "--submit", "together", "--strategy", "equivocate"] },
];

export interface GrowthOptions {
  readonly budgetSeconds: number;
  readonly maxDepth: number;
  readonly only: readonly string[] | null;
  readonly extra: readonly string[];
}

export interface GrowthRow {
  readonly world: string;
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly stopReason: string;
  /** Whether an honest participant decided in the run (it is not vacuous for "an honest participant decides"). */
  readonly decides: boolean;
  readonly verdict: string;
}

export function parseGrowthArgs(argv: readonly string[]):
  { ok: true; value: GrowthOptions } | { ok: false; error: string } {
  let budgetSeconds = 600;
  let maxDepth = 64;
  let only: string[] | null = null;
  const dash = argv.indexOf("--");
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const extra = dash < 0 ? [] : argv.slice(dash + 1);
  for (let i = 0; i < own.length; i += 2) {
    const flag = own[i] as string;
    const value = own[i + 1];
    if (value === undefined) return { ok: false, error: `${flag}: needs a value` };
    if (flag === "--budget" || flag === "--max-depth") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        return { ok: false, error: `${flag}: expected a positive integer, got ${value}` };
      }
      if (flag === "--budget") budgetSeconds = n; else maxDepth = n;
    } else if (flag === "--only") {
      only = value.split(",");
      const unknown = only.find((name) => !growthWorlds.some((w) => w.name === name));
      if (unknown !== undefined) return { ok: false, error: `--only: no world named ${unknown}` };
    } else return { ok: false, error: `unknown flag ${flag}` };
  }
  return { ok: true, value: { budgetSeconds, maxDepth, only, extra } };
}

const checkMain = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "checker", "cli", "check-main.js");
const cpuHook = path.join(path.dirname(fileURLToPath(import.meta.url)), "cpu-at-exit.js");

/** One run of the checker at one depth, or why it printed no JSON summary (bad flags). */
export function growthRow(world: string, flags: readonly string[], depth: number, budgetSeconds: number):
  GrowthRow | { error: string } {
  const args = ["--import", cpuHook, checkMain, ...flags, "--depth", String(depth), "--json",
    "--max-seconds", String(budgetSeconds), "--out", path.join("traces", "growth")];
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  const wallMs = Date.now() - started;
  const cpuLine = run.stderr.split("\n").find((l) => l.startsWith(cpuLinePrefix));
  let summary: Record<string, unknown>;
  try {
    summary = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    const why = run.stderr.split("\n").find((l) => l.trim() !== "" && !l.startsWith(cpuLinePrefix));
    return { error: `${world} depth ${depth}: no summary (${why ?? `exit ${run.status}`})` };
  }
  const cpu = cpuLine === undefined ? null : JSON.parse(cpuLine.slice(cpuLinePrefix.length)) as CpuLine;
  const sometimes = summary["sometimes"] as Record<string, boolean> | undefined;
  return {
    world, depth, wallMs,
    states: summary["distinctStates"] as number,
    transitions: summary["transitions"] as number,
    cpuMs: cpu?.cpuMs ?? NaN,
    peakRssMiB: cpu === null ? NaN : cpu.maxRssKiB / 1024,
    stopReason: summary["stopReason"] as string,
    decides: sometimes?.["an honest participant decides"] === true,
    verdict: summary["verdict"] as string,
  };
}

export const growthHeader =
  "| world | depth | states | transitions | wall s | CPU s | peak RSS MiB | stop | decides | verdict |\n" +
  "|---|---:|---:|---:|---:|---:|---:|---|---|---|";

export function formatRow(r: GrowthRow): string {
  return `| ${r.world} | ${r.depth} | ${r.states.toLocaleString("en")} | ${r.transitions.toLocaleString("en")} | ` +
    `${(r.wallMs / 1000).toFixed(1)} | ${(r.cpuMs / 1000).toFixed(1)} | ${r.peakRssMiB.toFixed(0)} | ` +
    `${r.stopReason} | ` +
    `${r.decides ? "yes" : "no"} | ${r.verdict} |`;
}

/** Rows of one world, depth by depth, until one does not finish in the budget or the space is exhausted. */
export function* growthRows(options: GrowthOptions): Generator<GrowthRow | { error: string }> {
  for (const world of growthWorlds) {
    if (options.only !== null && !options.only.includes(world.name)) continue;
    for (let depth = 1; depth <= options.maxDepth; depth++) {
      const row = growthRow(world.name, [...world.flags, ...options.extra], depth, options.budgetSeconds);
      yield row;
      if ("error" in row || row.stopReason !== "depth") break;
    }
  }
}

function main(): void {
  const parsed = parseGrowthArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`growth: ${parsed.error}`);
    process.exitCode = 2;
    return;
  }
  console.log(growthHeader);
  for (const row of growthRows(parsed.value)) {
    if ("error" in row) {
      console.error(`growth: ${row.error}`);
      process.exitCode = 2;
      return;
    }
    console.log(formatRow(row));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
