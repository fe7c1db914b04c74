import type { MutantCase } from "./mutant-case.js";

export const singleComplaintViewChange: MutantCase = {
  mutant: "single-complaint-view-change",
  rule: "A participant joins a view change on one VIEW-CHANGE for a higher view instead of f+1. One Byzantine " +
    "participant can then depose any leader at will, and by asking for v+1 whenever a view is installed, keep " +
    "the system changing views forever: nothing is ever decided although the network is healthy.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified views",
  why: "PBFT §4.5.2: a replica joins on f+1 VIEW-CHANGEs for higher views, so at least one honest replica " +
    "timed out; f faulty replicas alone cannot force a view change, yet laggards still catch up.",
  // Caught by the healed phase's complainer (checker/model/adversary-complain.ts): P3 asks for v+1 whenever a view
  // is installed.
  search: ["--mode", "random", "--coordinator", "byzantine", "--liveness", "on", "--runs", "3000", "--seed", "1"],
};
