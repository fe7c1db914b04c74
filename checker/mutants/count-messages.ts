import type { MutantCase } from "./mutant-case.js";

export const countMessages: MutantCase = {
  mutant: "count-messages",
  rule: "Quorums count logged messages instead of distinct signers: a copy of a PREPARE (sent twice by its " +
    "Byzantine signer, replayed, duplicated by the network, or simply resent by an honest signer whose timer " +
    "fired) is logged again and counts again, so too few replicas complete a quorum. The first invariant to " +
    "fall is detection accuracy: the honest " +
    "participant that prepared on the copy carries a certificate naming one signer twice in its VIEW-CHANGE, " +
    "and every receiver, which still checks certificates for distinct signers, holds it as proof against an " +
    "honest node. (Receivers that counted messages too would accept it, and the copied quorum would split agreement.)",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified prepared certificates",
  why: "PBFT §4.2 counts PREPAREs \"from different backups\"; a quorum is a set of replicas, and only distinct " +
    "signers make two quorums intersect in an honest one. Counting messages is the classic bug of a log kept " +
    "as a list, and duplicates are free for an adversary (a signature can be replayed at will).",
  search: [
    "--mode", "random", "--coordinator", "byzantine", "--strategy", "equivocate", "--timeouts", "0", "--loss", "0",
    "--runs", "3000", "--seed", "1",
  ],
};
