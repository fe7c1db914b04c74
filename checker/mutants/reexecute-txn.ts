import type { MutantCase } from "./mutant-case.js";

export const reexecuteTxn: MutantCase = {
  mutant: "reexecute-txn",
  rule: "A slot whose txn already executed at a lower seq executes it again, instead of as a no-op. A txn can sit " +
    "in two slots when a NEW-VIEW carries certificates for it from two views, or when a Byzantine coordinator " +
    "proposes it again after a checkpoint dropped its first slot; the second run re-checks the read " +
    "preconditions against the data the first run wrote, and the outcome flips from commit to abort.",
  expected: "agreement",
  why: "DESIGN.md §3: a txn's outcome is fixed by the first decided slot that carries its id, at every replica " +
    "alike; PBFT §4.1 keeps the last reply per client so a retransmitted request is never executed twice " +
    "(exactly-once semantics).",
  search: ["--mode", "random", "--coordinator", "byzantine", "--byzantine", "", "--txns", "2", "--window", "1", "--checkpoint-interval", "1",
    "--loss", "0", "--dup", "0", "--timeouts", "0", "--steps", "150", "--runs", "3000", "--seed", "1"],
  gap: "both ways to put one txn in two slots are deep (two view changes, or a stable checkpoint between two " +
    "proposals of one txn by an equivocating coordinator, about 40 specific steps): BFS cannot reach them and " +
    "3,000 random runs (5,000 tried) do not",
};
