/**
 * Running a command of the checker in a mutant's patched build: how
 * `npm run check -- --mutant NAME` and `npm run replay` of a trace found under a
 * mutant reach a core that really carries the mutant (the real core has no
 * switch for it). The same script, the same arguments and working directory, in
 * the scratch copy; its exit code is the command's.
 */
import { spawnSync } from "node:child_process";
import { appliedMutant } from "./applied.js";
import { buildPatched } from "./patched-build.js";

export interface SpawnedRun {
  readonly status: number;
  /** What the child wrote, when captured (`capture` true); empty when it wrote to this process's streams. */
  readonly stdout: string;
  readonly stderr: string;
}

/** Whether a run naming `mutant` must move to a patched build: it names one this build does not carry. */
export function needsPatchedBuild(mutant: string | null): mutant is string {
  return mutant !== null && mutant !== appliedMutant;
}

/**
 * Runs `script` (a path under dist/, e.g. "checker/cli/check-main.js") with `argv`
 * in the patched build of `mutant`, then removes the build. A patch that no longer
 * applies is a one-line error on stderr and exit code 2.
 */
export function spawnPatched(mutant: string, script: string, argv: readonly string[], capture: boolean): SpawnedRun {
  const built = buildPatched(mutant);
  if (!built.ok) return { status: 2, stdout: "", stderr: `${built.error}\n` };
  try {
    const r = spawnSync(process.execPath, [built.value.modulePath(script), ...argv],
      { encoding: "utf8", stdio: capture ? "pipe" : "inherit", maxBuffer: 1 << 28 });
    const stderr = r.stderr ?? (r.error === undefined ? "" : `${r.error.message}\n`);
    return { status: r.status ?? 2, stdout: r.stdout ?? "", stderr };
  } finally {
    built.value.dispose();
  }
}
