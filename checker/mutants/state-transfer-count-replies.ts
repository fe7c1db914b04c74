import type { MutantCase } from "./mutant-case.js";

export const stateTransferCountReplies: MutantCase = {
  mutant: "state-transfer-count-replies",
  rule: "A lagging participant installs the replica a STATE-REPLY carries without checking its digest against " +
    "the stable checkpoint's proof (Q signed CHECKPOINTs): it trusts the replier. A Byzantine replier attaches " +
    "a real proof to a made-up replica, and the laggard's data and decisions part from everyone else's.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "invalid input ignored",
  // Caught through a STATE-REPLY of checker/model/adversary-composites.ts (a real proof, a wrong replica): two honest
  // participants execute seq 1 and checkpoint it (K = 1), the Byzantine one completes their proof with its own
  // CHECKPOINT and sends the third, still behind, an empty replica.
  // Seed 3: when the alphabet gained a non-leader's NEW-VIEW and PRE-PREPARE the draws moved and seed 1 no longer
  // caught it in 3,000 runs; seed 3 does at run 1,124 (seeds 2-5 tried: 2 and 3 catch it, 4 and 5 do not).
  why: "PBFT §4.3/§5.3: state is fetched from any replica but checked against the digest that 2f+1 signed " +
    "checkpoint messages certify; f faulty replicas can agree on anything, so neither one reply nor f of " +
    "them proves a state.",
  search: [
    "--mode", "random", "--checkpoint-interval", "1", "--loss", "0", "--dup", "0", "--timeouts", "0",
    "--runs", "3000", "--seed", "3",
  ],
};
