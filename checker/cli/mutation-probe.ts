/**
 * Runs the probe's searches (mutants/mutation-probe-configs.ts) in this process, one after another, and turns their
 * exit codes into one verdict for the mutant the process carries. In-process, because node's start-up with
 * the checker's modules costs seconds on a loaded machine and the probe runs once per mutant.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ProbeConfig } from "../mutants/mutation-probe-configs.js";
import { runCheckCommand } from "./check-command.js";
import { exitCodes } from "./verdict.js";

/**
 * killed: a search reported a violation (an invariant, liveness, or a trace it could not rebuild), lost
 * its witness ("vacuous": nobody decides any more), or threw; incomplete: a budget stopped a search and
 * nothing killed; survived: every search clean.
 */
export type ProbeOutcome = "killed" | "incomplete" | "survived";

export interface ConfigVerdict {
  readonly name: string;
  /** The check command's exit code, or null when it threw. */
  readonly exitCode: number | null;
  readonly reason: string;
  readonly seconds: number;
}

export interface ProbeResult {
  readonly outcome: ProbeOutcome;
  readonly verdicts: readonly ConfigVerdict[];
}

function reasonOf(exitCode: number): string {
  switch (exitCode) {
    case exitCodes.clean: return "clean";
    case exitCodes.violation: return "violation or vacuous (see the check's report above)";
    case exitCodes.incomplete: return "incomplete: a budget stopped the search";
    case exitCodes.traceError: return "violation whose trace could not be rebuilt";
    case exitCodes.usage: return "bad usage: the probe's own configuration is wrong";
    default: return `unexpected exit code ${exitCode}`;
  }
}

async function runOne(config: ProbeConfig, outDir: string): Promise<ConfigVerdict> {
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  try {
    const exitCode = await runCheckCommand([...config.args, "--out", outDir]);
    return { name: config.name, exitCode, reason: reasonOf(exitCode), seconds: seconds() };
  } catch (e) {
    // A mutant may make the core throw (its own assert, or a TypeError): the search stopped on it.
    const line = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split("\n")[0] ?? "";
    return { name: config.name, exitCode: null, reason: `threw ${line}`, seconds: seconds() };
  }
}

/** Runs the configs in order; stops at the first that kills unless `all`. Bad usage is thrown: the probe is wrong. */
export async function runProbe(configs: readonly ProbeConfig[], all: boolean): Promise<ProbeResult> {
  const outDir = mkdtempSync(path.join(tmpdir(), "mutation-probe-"));
  const verdicts: ConfigVerdict[] = [];
  try {
    for (const config of configs) {
      const verdict = await runOne(config, outDir);
      if (verdict.exitCode === exitCodes.usage) throw new Error(`probe config "${config.name}": bad usage`);
      verdicts.push(verdict);
      if (!all && killing(verdict)) break;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const outcome = verdicts.some(killing) ? "killed" : verdicts.some((v) => v.exitCode === exitCodes.incomplete)
    ? "incomplete" : "survived";
  return { outcome, verdicts };
}

function killing(v: ConfigVerdict): boolean {
  return v.exitCode !== exitCodes.clean && v.exitCode !== exitCodes.incomplete;
}
