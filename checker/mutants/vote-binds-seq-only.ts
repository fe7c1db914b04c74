import type { MutantCase } from "./mutant-case.js";

export const voteBindsSeqOnly: MutantCase = {
  mutant: "vote-binds-seq-only",
  rule: "A PREPARE or COMMIT counts toward any digest for its (view, seq): votes bind the slot, not the proposal. " +
    "An equivocating coordinator shows t1:commit to one participant and t1:abort to another; each counts the " +
    "other's votes as its own, and both decide, differently.",
  // I10 (spec/invariants/justified-*.ts, spec/transitions) fires at the step the broken rule accepts.
  expected: "justified prepared certificates",
  why: "PBFT §4.2: a prepare \"matches\" a pre-prepare only with the same view, sequence number and digest; the " +
    "digest is what makes the quorum vote for one request. Tendermint and HotStuff votes likewise name the block hash.",
  search: ["--mode", "random", "--coordinator", "byzantine", "--runs", "3000", "--seed", "3"],
};
