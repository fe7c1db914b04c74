/**
 * The searches the mutation probe (cli/mutation-probe-main.ts) runs against each mutant of impl/core:
 * plain `npm run check` argument lists, so the checker's own defaults (its invariants, its adversary's
 * alphabet, its liveness judgement) apply and a later change to them raises the score with no edit here.
 *
 * Each must be clean on the unmutated core (test/checker/cli/mutation-probe.test.ts runs them), so any
 * other verdict under a mutant is the checker noticing it. Budgets are fixed counts (depth, runs, steps,
 * seed), never wall time, so a mutant's verdict does not depend on the machine's load; `--max-seconds` is
 * only a safety net, well above what the unmutated core needs. Cheapest first: the probe stops at the
 * first search that kills. Per mutant that survives, the nineteen searches cost about 30 s (2 cores, load ~3; the
 * nine of before about 60 s at load ~20);
 * a kill by `laggard` costs up to ~80 s more, most of it fast-check shrinking the liveness failure.
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
    name: "honest-view-changes",
    why: "every participant honest, no loss, seven timer firings and longer excursions: views change again and "
      + "again while a txn is in flight, and a participant that missed a view's NEW-VIEW or pre-prepares must be "
      + "helped back by its leader (liveness); where coverage search first found the laggard bugs of traces/fixed/",
    args: ["--mode", "coverage", "--byzantine", "", "--loss", "0", "--dup", "0", "--timeouts", "7", "--runs", "300",
      "--steps", "30", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "queued-crash",
    why: "a window of one, three txns and one crash-restart: submissions queue behind the window, and the "
      + "coordinator's persist-before-send of its queue is what keeps them across a crash (liveness)",
    args: coverage("--txns", "3", "--window", "1", "--checkpoint-interval", "1", "--crashes", "1"),
  },
  {
    name: "reply-crash",
    why: "BFS to depth 5 from traces/roots/confirmations-in-flight.json (every participant honest, t1 decided at "
      + "P0-P2, their confirmations in flight, one crash-restart): the coordinator replies on f+1 of them and any "
      + "node may crash before, between or after; a reply it did not persist first is forgotten (I7d)",
    args: ["--from", "traces/roots/confirmations-in-flight.json", "--depth", "5", "--max-seconds", "120"],
  },
  {
    name: "submit-after-reply",
    why: "random runs from traces/roots/replied-before-late-submit.json (every node honest, C has replied to t1, "
      + "the client still holds t2): a submission that reaches a coordinator which already replied to another txn "
      + "must still be proposed and replied to (liveness); from the initial world a random step draws the client's "
      + "late submission long before any reply",
    args: ["--mode", "random", "--from", "traces/roots/replied-before-late-submit.json", "--runs", "20", "--seed", "1",
      "--max-seconds", "120"],
  },
  {
    name: "unsound-new-view",
    why: "BFS to depth 2 from traces/roots/abort-prepared-two-view-changes.json (P0 Byzantine, leader of view 1, "
      + "P1's and P2's VIEW-CHANGEs in flight): P0 sends NEW-VIEWs built from them, among them one carrying an "
      + "unsound VIEW-CHANGE of its own with the pre-prepares it derives, which every receiver must check and refuse",
    args: ["--from", "traces/roots/abort-prepared-two-view-changes.json", "--depth", "2", "--max-seconds", "120"],
  },
  {
    name: "queued-relay",
    why: "the same full window, abort-flagged txns and timeouts: after the view change the coordinator relays its "
      + "queue to the honest leader P0, whose proposals' flags and authority its peers judge",
    args: coverage("--txns", "3", "--window", "1", "--checkpoint-interval", "1", "--flags", "commit,abort,abort",
      "--timeouts", "3"),
  },
  {
    name: "committed-waits",
    why: "every participant honest, three txns, two lost messages, five timer firings and 40-step excursions: a "
      + "participant commits a slot while an earlier one is still missing there, and that committed slot must keep "
      + "its resend and view-change timers armed until it executes (liveness; the first excursion that needs it is "
      + "the 73rd)",
    args: ["--mode", "coverage", "--byzantine", "", "--txns", "3", "--loss", "2", "--dup", "0", "--timeouts", "5",
      "--runs", "100", "--steps", "40", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "window-passed",
    why: "a window of two, three txns, a checkpoint at every seq and two lost messages: the coordinator's window "
      + "moves past awaited txns before their confirmations arrive, and it must still gather f+1 to reply "
      + "(150 excursions: the mutant that first kept one confirmation per signer out there fell at the 119th)",
    args: ["--mode", "coverage", "--txns", "3", "--window", "2", "--checkpoint-interval", "1", "--loss", "2",
      "--runs", "150", "--steps", "20", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "late-crash",
    why: "the client holds back two of three txns and submits them at any step, around a crash-restart and "
      + "timeouts: a submission the coordinator forgets across a restart, a restarted coordinator in a view change",
    args: ["--mode", "random", "--txns", "3", "--late-submits", "2", "--crashes", "1", "--timeouts", "3",
      "--runs", "20", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "stale-coordinator",
    why: "every participant honest, one txn submitted late, four timer firings and one lost message: a view change "
      + "whose NEW-VIEW to the coordinator is lost leaves it proposing in the old view, and only the new leader's "
      + "answer to that stale PRE-PREPARE (its NEW-VIEW again) lets the late txn be decided (liveness; 1,500 runs: "
      + "the first that loses that NEW-VIEW before the submission is run 1,405)",
    args: ["--mode", "random", "--byzantine", "", "--txns", "1", "--late-submits", "1", "--timeouts", "4", "--loss",
      "1", "--dup", "0", "--runs", "1500", "--seed", "5", "--max-seconds", "120"],
  },
  {
    name: "batched-relay",
    why: "every participant honest, batches of two, three txns of which two are submitted late, four timer firings: "
      + "after a view change the coordinator relays the late txns to a participant leader, which must gather them "
      + "into batches, proposing a partial one only when its earlier slots executed (I10g; the first run that "
      + "relays one while s1 is executing is the third)",
    args: ["--mode", "random", "--byzantine", "", "--txns", "3", "--late-submits", "2", "--batch", "2", "--timeouts",
      "4", "--loss", "0", "--dup", "0", "--runs", "40", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "stable-first",
    why: "every participant honest, one txn, a checkpoint at every seq, no faults, liveness judged: a participant "
      + "can see Q CHECKPOINTs before it executes the seq, and its state requests reach signers not yet stable "
      + "themselves, which ignore them; only its resend timer asks again (40 runs: the first run that does falls "
      + "within 30)",
    args: ["--mode", "random", "--byzantine", "", "--txns", "1", "--checkpoint-interval", "1", "--loss", "0",
      "--dup", "0", "--timeouts", "0", "--liveness", "on", "--runs", "40", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "left-behind",
    why: "random runs from a recorded root (traces/roots/left-behind-by-checkpoints.json): every node honest, K = 1, "
      + "P2 lost both pre-prepares and P3's CHECKPOINTs, holds f+1 CHECKPOINTs that never become Q there, and its "
      + "first state requests reached signers not yet stable; no run from the start gets there. Only its resend "
      + "timer asks again (participant-timers.ts `needsResend`), judged by liveness after the healed phase",
    args: ["--mode", "random", "--from", "traces/roots/left-behind-by-checkpoints.json", "--runs", "20", "--seed", "1",
      "--max-seconds", "120"],
  },
  {
    name: "laggard",
    why: "three lost messages, a checkpoint at every seq and the liveness judgement: an honest participant falls "
      + "behind a stable checkpoint and only state transfer brings it back",
    args: ["--mode", "random", "--txns", "2", "--checkpoint-interval", "1", "--loss", "3", "--liveness", "on",
      "--runs", "10", "--seed", "1", "--max-seconds", "120"],
  },
  {
    name: "swarm",
    why: "random runs that draw n, f, crashes, partitions, loss and workload: checkpoints, state transfer, restart",
    args: ["--mode", "random", "--swarm", "--runs", "20", "--seed", "1", "--max-seconds", "120"],
  },
];
