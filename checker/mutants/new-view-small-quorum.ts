import type { MutantCase } from "./mutant-case.js";

export const newViewSmallQuorum: MutantCase = {
  mutant: "new-view-small-quorum",
  rule: "The new leader builds a NEW-VIEW from f+1 VIEW-CHANGEs instead of Q, and receivers accept one that " +
    "carries f+1 (the same constant at both ends). f+1 VIEW-CHANGEs need not include one of the f+1 honest " +
    "participants that prepared a committed txn, so the new view re-proposes it with flag abort.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified views",
  why: "PBFT §4.4: the new primary waits for 2f+1 VIEW-CHANGEs (its own included) because any 2f+1 of them " +
    "intersect the f+1 honest replicas that prepared a committed request. f+1 only guarantees one honest " +
    "sender, which is enough to join a view change (§4.5.2) but not to learn what committed.",
  search: ["--mode", "random", "--runs", "3000", "--seed", "6"],
};
