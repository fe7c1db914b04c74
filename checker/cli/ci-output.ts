/**
 * What `npm run check` adds for CI after any search: the JUnit file (`--junit FILE`)
 * and, on GitHub Actions, workflow-command annotations. Annotations go to stdout, where
 * the runner reads them, except with --json, whose stdout is one JSON object: then stderr.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CheckConfig } from "../model/check-config.js";
import { actionsAnnotations } from "./actions-annotations.js";
import type { GateSummary } from "./gate-summary.js";
import { junitXml } from "./junit-report.js";

export interface CiOutput {
  readonly json: boolean;
  /** The JUnit file to write, or null. */
  readonly junit: string | null;
  /** The shard this process ran ("2/8"), or null: it names the suite and the annotations. */
  readonly shard: string | null;
}

/** "bfs n=4 f=1 byzantine=[P3] coordinator=honest shard 2/8": what a CI reader needs to tell runs apart. */
export type ConfiguredSummary = GateSummary & { readonly config: CheckConfig };

export function runName(s: ConfiguredSummary, shard: string | null): string {
  const c = s.config;
  const byz = c.byzantine.map((b) => `P${b}`).join(",");
  return `byzcommit check ${s.mode} n=${c.n} f=${c.f} byzantine=[${byz}] coordinator=${c.coordinator}` +
    `${shard === null ? "" : ` shard ${shard}`}`;
}

/** Writes the JUnit file and annotations; returns an error line (exit 2) or null. */
export function reportForCi(s: ConfiguredSummary, out: CiOutput, env: NodeJS.ProcessEnv): string | null {
  const name = runName(s, out.shard);
  if (env["GITHUB_ACTIONS"] === "true") {
    const lines = actionsAnnotations(s, name);
    if (lines.length > 0) (out.json ? process.stderr : process.stdout).write(`${lines.join("\n")}\n`);
  }
  if (out.junit === null) return null;
  try {
    mkdirSync(dirname(out.junit), { recursive: true });
    writeFileSync(out.junit, junitXml(s, name));
    return null;
  } catch (e) {
    return `--junit: cannot write ${out.junit}: ${(e as Error).message.split("\n")[0]}`;
  }
}

/** The run's exit code after the CI outputs: 2 when the JUnit file could not be written. */
export function exitAfterCi(s: ConfiguredSummary, exitCode: number, out: CiOutput): number {
  const error = reportForCi(s, out, process.env);
  if (error === null) return exitCode;
  process.stderr.write(`check: ${error}\n`);
  return 2;
}
