/**
 * The searches the mutation probe (cli/mutation-probe-main.ts) runs against each mutant of impl/core:
 * plain `npm run check` argument lists, so the checker's own defaults (its invariants, its adversary's
 * alphabet, its liveness judgement) apply and a later change to them raises the score with no edit here.
 *
 * Each must be clean on the unmutated core (test/checker/cli/mutation-probe.test.ts runs them), so any
 * other verdict under a mutant is the checker noticing it. Budgets are fixed counts (depth, runs, steps,
 * seed), never wall time, so a mutant's verdict does not depend on the machine's load; `--max-seconds` is
 * only a safety net, well above what the unmutated core needs. Cheapest first: the probe stops at the
 * first search that kills.
 */
export interface ProbeConfig {
  /** A short name, shown in the probe's verdict line (and so in Stryker's report). */
  readonly name: string;
  /** Why this search is in the set: the part of the protocol it reaches that the others do not. */
  readonly why: string;
  /** The `npm run check` arguments (without --out, which the probe sets). */
  readonly args: readonly string[];
}

/** A coverage search with the probe's fixed budget (40 excursions of 20 steps, seed 1) and `flags` for its world. */
const coverage = (...flags: string[]): string[] =>
  ["--mode", "coverage", ...flags, "--runs", "40", "--steps", "20", "--seed", "1", "--max-seconds", "120"];

export const probeConfigs: readonly ProbeConfig[] = [
  {
    name: "honest-bfs",
    why: "every interleaving of view 0's deliveries, both flags in flight: ordering, quorum and execution rules",
    args: ["--strategy", "silent", "--flags", "commit,abort", "--depth", "12", "--max-seconds", "120"],
  },
  {
    name: "honest-leader",
    why: "mixed flags, P3 Byzantine, timeouts: an honest P0 leads view 1 under an honest coordinator, "
      + "which relays to it",
    args: coverage("--flags", "commit,abort", "--timeouts", "3"),
  },
  {
    name: "byzantine-leader",
    why: "mixed flags, P0 Byzantine (it leads view 1), timeouts: view change, NEW-VIEW checks, flag authority",
    args: coverage("--flags", "commit,abort", "--byzantine", "0", "--timeouts", "3"),
  },
  {
    name: "byzantine-coordinator",
    why: "an equivocating coordinator and a Byzantine P3: proofs, recovery without C, confirmations",
    args: coverage("--coordinator", "byzantine", "--timeouts", "3"),
  },
  {
    name: "swarm",
    why: "random runs that draw n, f, crashes, partitions, loss and workload: checkpoints, state transfer, restart",
    args: ["--mode", "random", "--swarm", "--runs", "20", "--seed", "1", "--max-seconds", "120"],
  },
];
