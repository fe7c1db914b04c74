/** A small, bounded cluster run for the multi-process tests; its directory is removed afterwards. */
import { rmSync } from "node:fs";
import { defaultClusterOptions, runCluster, type ClusterOptions, type ClusterRun } from "../../../../impl/net/cluster/cluster-run.js";

export async function runSmall(overrides: Partial<ClusterOptions>): Promise<ClusterRun> {
  const run = await runCluster({
    ...defaultClusterOptions, txns: 40, concurrency: 8, timeoutMs: 55_000, checkWaitMs: 8_000, tickMs: 100, ...overrides,
  });
  if (process.env["KEEP_CLUSTER"] === undefined) rmSync(run.dir, { recursive: true, force: true });
  return run;
}

export const problemsOf = (run: ClusterRun): string => run.check.problems.join("\n");
