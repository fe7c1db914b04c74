import type { MutantCase } from "./mutant-case.js";

export const newViewLowestView: MutantCase = {
  mutant: "new-view-lowest-view",
  rule: "When the VIEW-CHANGEs of a NEW-VIEW carry certificates from different views for one seq, the new view " +
    "re-proposes the one from the lowest view instead of the highest. A txn that committed in a later view is " +
    "replaced by a proposal that an earlier view merely prepared.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified views",
  why: "PBFT §4.4: for each seq the new primary picks the prepared certificate with the highest view; a " +
    "request committed in view v was prepared at f+1 honest replicas in v, and no conflicting request can " +
    "have prepared in a later view. Paxos phase 1 has the same rule: adopt the value of the highest ballot. " +
    "No Byzantine node is needed: timeouts and delays alone give two view changes that carry both certificates.",
  search: [
    "--mode", "coverage", "--byzantine", "", "--loss", "0", "--dup", "0", "--timeouts", "3",
    "--runs", "4000", "--steps", "20", "--seed", "1",
  ],
};
