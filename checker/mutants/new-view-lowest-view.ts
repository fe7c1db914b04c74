import type { MutantCase } from "./mutant-case.js";

export const newViewLowestView: MutantCase = {
  mutant: "new-view-lowest-view",
  rule: "When the VIEW-CHANGEs of a NEW-VIEW carry certificates from different views for one seq, the new view " +
    "re-proposes the one from the lowest view instead of the highest. A txn that committed in a later view is " +
    "replaced by a proposal that an earlier view merely prepared.",
  expected: "agreement",
  why: "PBFT §4.4: for each seq the new primary picks the prepared certificate with the highest view; a " +
    "request committed in view v was prepared at f+1 honest replicas in v, and no conflicting request can " +
    "have prepared in a later view. Paxos phase 1 has the same rule: adopt the value of the highest ballot.",
  search: ["--mode", "random", "--byzantine", "P0", "--loss", "0", "--dup", "0", "--timeouts", "2", "--steps", "60", "--runs", "3000", "--seed", "1"],
  gap: "certificates from two views for one seq need a txn prepared but not committed in view 0, the other flag " +
    "committed in view 1 at some but not all honest participants, and a second view change whose VIEW-CHANGEs " +
    "carry both certificates: two view changes deep, beyond what 60 s of random runs reach (10,000 runs tried)",
};
