/**
 * A small, bounded cluster run for the multi-process tests; its directory is removed afterwards.
 * The bound (timeoutMs) includes starting five node processes, which takes 15-20 s when the
 * machine's two cores are shared by many jobs (load 20-30 measured), so it leaves the workload room
 * after that; an unloaded run ends in about 20 s. Tests allow `clusterTestMs` each.
 */
import { rmSync } from "node:fs";
import {
  defaultClusterOptions, runCluster, type ClusterOptions, type ClusterRun,
} from "../../../../impl/net/cluster/cluster-run.js";

export async function runSmall(overrides: Partial<ClusterOptions>): Promise<ClusterRun> {
  const run = await runCluster({
    ...defaultClusterOptions, txns: 40, concurrency: 8, timeoutMs: clusterRunMs, checkWaitMs: 8_000, tickMs: 100,
    ...overrides,
  });
  if (process.env["KEEP_CLUSTER"] === undefined) rmSync(run.dir, { recursive: true, force: true });
  return run;
}

export const problemsOf = (run: ClusterRun): string => run.check.problems.join("\n");

/** The bound of one small cluster run (see above), and of a test that makes one. */
export const clusterRunMs = 100_000;
export const clusterTestMs = clusterRunMs + 10_000;
