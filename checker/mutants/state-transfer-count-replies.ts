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
  why: "PBFT §4.3/§5.3: state is fetched from any replica but checked against the digest that 2f+1 signed " +
    "checkpoint messages certify; f faulty replicas can agree on anything, so neither one reply nor f of " +
    "them proves a state.",
  search: [
    "--mode", "random", "--checkpoint-interval", "1", "--loss", "0", "--dup", "0", "--timeouts", "0",
    "--runs", "3000", "--seed", "1",
  ],
};
