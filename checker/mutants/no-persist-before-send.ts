import type { MutantCase } from "./mutant-case.js";

export const noPersistBeforeSend: MutantCase = {
  mutant: "no-persist-before-send",
  rule: "A participant sends its votes without first persisting the state behind them. After a crash it restarts " +
    "from the last persisted state, which does not know the PREPARE it sent; offered a conflicting pre-prepare " +
    "for the same (view, seq) by an equivocating coordinator, it signs a second digest: an honest node " +
    "equivocates, and its peers prove it faulty.",
  expected: "detection accuracy",
  why: "Issue 5 and DESIGN.md §6: a restart keeps persisted state only, so whatever a node signs must be on " +
    "disk before it leaves, or a restarted honest node can sign a different digest for a (view, seq, phase) it " +
    "signed before. (PBFT itself keeps its log in memory and assumes fewer than f+1 simultaneous failures; a " +
    "node that restarts from disk cannot lean on that.)",
  search: ["--mode", "random", "--coordinator", "byzantine", "--crashes", "1", "--runs", "3000", "--seed", "1"],
};
