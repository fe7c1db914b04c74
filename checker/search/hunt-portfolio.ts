/**
 * The bug hunt's portfolio (`npm run hunt`): the searches a user should run against a changed core, each reaching
 * a part of the protocol the others reach less. No single search is best: BFS proves the normal case to a depth but
 * holds no timer budget; coverage search reaches view changes, NEW-VIEWs and checkpoints; random swarm runs draw
 * the configuration itself (n, f, faults, workload). A portfolio run in parallel is how SAT solvers and Holzmann's
 * swarm verification spend a fixed budget when no strategy dominates.
 *
 * Each entry is plain `npm run check` arguments, so every default (the alphabet, the invariants, liveness) applies
 * and a stronger default strengthens the hunt with no edit here. `--corrupt` (every single-field corruption of
 * the adversary's composites) goes where exhaustive steps try each one: BFS and two coverage searches, whose
 * neighbourhoods (`--hood`) try every move at each new cell; the swarm runs and the view-change coverage search keep
 * the plain alphabet, whose random draws it would dilute. The budget is the hunt's, split evenly; runs and
 * depth are set high so the clock ends each search, and each prints the seed that re-runs it.
 */
export interface HuntSearch {
  /** Short name, shown in the report and accepted by `--only`. */
  readonly name: string;
  /** The part of the protocol it reaches that the others reach less. */
  readonly why: string;
  /** `npm run check` arguments without --max-seconds, --out and --json, which the hunt sets. */
  readonly args: readonly string[];
}

const many = ["--runs", "1000000"];

export const huntPortfolio: readonly HuntSearch[] = [
  {
    name: "bfs",
    why: "every interleaving of view 0 with P3 Byzantine, to the depth the budget allows: ordering, quorums, execution",
    args: ["--f", "1", "--depth", "12", "--corrupt"],
  },
  {
    name: "view-change-bfs",
    why: "every interleaving from a recorded view change in progress (every honest timer fired): VIEW-CHANGE and "
      + "NEW-VIEW checks, exhaustively to the depth the budget allows",
    args: ["--from", "traces/roots/view-change-timers-fired.json", "--depth", "20"],
  },
  {
    name: "view-change",
    why: "P0 Byzantine, leader of view 1; mixed flags, timers: view change, NEW-VIEW, flag authority, presumed abort",
    args: ["--mode", "coverage", "--swarm", "--byzantine", "0", "--flags", "commit,abort", "--timeouts", "2",
      "--loss", "0", "--dup", "0", "--steps", "20", ...many],
  },
  {
    name: "honest-leader",
    why: "P3 Byzantine, an honest P0 leads view 1: certificates and checkpoint proofs a faulty node carries",
    args: ["--mode", "coverage", "--flags", "commit,abort", "--timeouts", "3", "--steps", "20", "--corrupt", ...many],
  },
  {
    name: "byzantine-coordinator",
    why: "an equivocating coordinator and a Byzantine P3: proofs, recovery without C, confirmations",
    args: ["--mode", "coverage", "--coordinator", "byzantine", "--timeouts", "3", "--steps", "20", "--corrupt",
      ...many],
  },
  {
    name: "swarm",
    why: "runs that draw n, f, crashes, partitions, loss and workload: checkpoints, state transfer, restarts",
    args: ["--mode", "random", "--swarm", ...many],
  },
  {
    name: "swarm-coordinator",
    why: "swarm runs under a Byzantine coordinator: the coordinator's alphabet in every drawn configuration",
    args: ["--mode", "random", "--swarm", "--coordinator", "byzantine", ...many],
  },
];
