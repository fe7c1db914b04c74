import type { MutantCase } from "./mutant-case.js";

export const prepared2f: MutantCase = {
  mutant: "prepared-2f",
  rule: "A participant is prepared on 2f matching PREPAREs (its own included) instead of Q = 2f+1. " +
    "PBFT's count is 2f PREPAREs plus the primary's PRE-PREPARE, 2f+1 replicas in all; here the coordinator " +
    "is not a participant, so copying the 2f drops one replica from the quorum. With an equivocating " +
    "coordinator and one Byzantine voter, two honest participants prepare different digests of t1: one " +
    "decides its own in view 0, and the next view carries the other's certificate to the rest.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified prepared certificates",
  why: "PBFT §4.2: a prepared certificate needs 2f PREPAREs from different backups matching the primary's " +
    "PRE-PREPARE, so two certificates for one (view, seq) share an honest replica. Quorums intersect in an " +
    "honest node only at ceil((n+f+1)/2) (DESIGN.md §3); at 2f of n = 3f+1 two quorums share only the faulty one.",
  search: ["--mode", "random", "--coordinator", "byzantine", "--liveness", "on", "--runs", "3000", "--seed", "1"],
};
