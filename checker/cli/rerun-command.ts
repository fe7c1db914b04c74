/**
 * The command line that re-runs a check: every report prints one, so a
 * counterexample found anywhere (a CI log, a colleague's terminal) is one
 * paste away. Only flags that differ from the defaults are spelled out.
 */
import { makeCheckConfig, type CheckConfig } from "../model/check-config.js";
import { keysDefault, workloadOf } from "../model/workload.js";
import { hoodDefault } from "./check-options.js";

/** The workload's flags: one --flag when every txn has it, else --flags; failing preconditions and key count. */
function workloadFlags(c: CheckConfig): string[] {
  const w = workloadOf(c.txns);
  const flags: string[] = [];
  const same = c.txns.every((t) => t.flag === c.txns[0]?.flag);
  if (same && c.txns.length !== 1) flags.push(`--txns ${c.txns.length}`);
  const flag = c.txns[0]?.flag ?? "commit";
  if (same && flag !== "commit") flags.push(`--flag ${flag}`);
  if (!same) flags.push(`--flags ${c.txns.map((t) => t.flag).join(",")}`);
  if (w === null) return flags; // hand-written txns: no flag names them; the trace file holds them
  const stale = w.txns.flatMap((t, i) => (t.stale ? [`t${i + 1}`] : []));
  if (stale.length > 0) flags.push(`--stale-reads ${stale.join(",")}`);
  if (w.keys !== keysDefault) flags.push(`--keys ${w.keys}`);
  return flags;
}

function configFlags(c: CheckConfig): string[] {
  const made = makeCheckConfig({ n: c.n, f: c.f });
  if (!made.ok) return [`--n ${c.n}`, `--f ${c.f}`];
  const d = made.config;
  const flags: string[] = [];
  if (c.f !== 1) flags.push(`--f ${c.f}`);
  if (c.n !== 3 * c.f + 1) flags.push(`--n ${c.n}`);
  if (c.byzantine.join() !== d.byzantine.join()) {
    const named = c.byzantine.length === 0 ? '""' : c.byzantine.map((b) => `P${b}`).join(",");
    flags.push(`--byzantine ${named}`);
  }
  if (c.coordinator !== d.coordinator) flags.push(`--coordinator ${c.coordinator}`);
  if (c.strategy !== d.strategy) flags.push(`--strategy ${c.strategy}`);
  flags.push(...workloadFlags(c));
  for (const [name, value] of Object.entries(c.budgets) as [keyof CheckConfig["budgets"], number][]) {
    if (value !== d.budgets[name]) flags.push(`--${name === "submits" ? "late-submits" : name} ${value}`);
  }
  if (c.protocol.windowSize !== d.protocol.windowSize) flags.push(`--window ${c.protocol.windowSize}`);
  if (c.protocol.checkpointInterval !== d.protocol.checkpointInterval) {
    flags.push(`--checkpoint-interval ${c.protocol.checkpointInterval}`);
  }
  if ((c.protocol.batchSize ?? 1) !== 1) flags.push(`--batch ${c.protocol.batchSize}`);
  if (c.corrupt === true) flags.push("--corrupt");
  if (c.mutant !== null) flags.push(`--mutant ${c.mutant}`);
  return flags;
}

export interface RandomRerun {
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  readonly swarm: boolean;
  readonly liveness: string;
  readonly path?: string | undefined;
  /** `--expect`: repeated so a re-run is held to the same witnesses as the run it repeats. */
  readonly expected?: readonly string[] | undefined;
  /** `--from`: the trace the search started from, whose config is the search's. */
  readonly from?: string | undefined;
}

/** The flags that give the search its config: the config's own, or the trace it came from (`--from`). */
function sourceFlags(config: CheckConfig, from: string | undefined): string[] {
  if (from === undefined) return configFlags(config);
  return [`--from ${from}`, ...(config.corrupt === true ? ["--corrupt"] : [])];
}

/** The search's own flags after the config's: `--expect` quoted, since its names hold spaces. */
function expectFlag(r: RandomRerun | Omit<RandomRerun, "path">): string[] {
  const names = r.expected ?? [];
  return names.length === 0 ? [] : [`--expect "${names.join(",")}"`];
}

export function randomRerunCommand(config: CheckConfig, r: RandomRerun): string {
  const flags = [
    "--mode random", ...sourceFlags(config, r.from), `--runs ${r.runs}`, `--steps ${r.steps}`, `--seed ${r.seed}`,
  ];
  if (r.swarm) flags.push("--swarm");
  if (r.liveness !== "auto") flags.push(`--liveness ${r.liveness}`);
  if (r.path !== undefined) flags.push(`--path ${r.path}`);
  flags.push(...expectFlag(r));
  return `npm run check -- ${flags.join(" ")}`;
}

/** A coverage search's neighbourhood flags (`--hood`, `--hood-archive`). */
export interface HoodRerun { readonly hood: number; readonly hoodArchive: boolean }

export function coverageRerunCommand(config: CheckConfig, r: Omit<RandomRerun, "path"> & HoodRerun): string {
  const flags = [
    "--mode coverage", ...sourceFlags(config, r.from), `--runs ${r.runs}`, `--steps ${r.steps}`, `--seed ${r.seed}`,
  ];
  if (r.swarm) flags.push("--swarm");
  if (r.liveness !== "auto") flags.push(`--liveness ${r.liveness}`);
  flags.push(...expectFlag(r));
  if (r.hood !== hoodDefault) flags.push(`--hood ${r.hood}`);
  if (r.hoodArchive) flags.push("--hood-archive");
  return `npm run check -- ${flags.join(" ")}`;
}
