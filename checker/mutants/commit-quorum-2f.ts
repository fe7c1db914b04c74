import type { MutantCase } from "./mutant-case.js";

export const commitQuorum2f: MutantCase = {
  mutant: "commit-quorum-2f",
  rule: "A participant is committed-local on 2f matching COMMITs instead of Q. One honest participant executes " +
    "t1 on its own COMMIT and the Byzantine participant's while no other honest participant is prepared; the " +
    "others time out, no VIEW-CHANGE of the quorum carries a certificate for t1, and the new view re-proposes " +
    "t1 with flag abort, which they decide.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified committed slots",
  why: "PBFT §4.2-4.4: committed-local needs 2f+1 COMMITs so that f+1 honest replicas hold the prepared " +
    "certificate, and every quorum of VIEW-CHANGEs then carries one of them into the new view. SPIN's model " +
    "c2 (../shared/anchors/spin/) finds quorum 2f safe with an honest coordinator while views never change: " +
    "the split needs the view change, which this checker explores.",
  search: ["--mode", "random", "--runs", "3000", "--seed", "1"],
};
