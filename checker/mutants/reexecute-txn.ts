import type { MutantCase } from "./mutant-case.js";

export const reexecuteTxn: MutantCase = {
  mutant: "reexecute-txn",
  rule: "A slot whose txn already executed at a lower seq executes it again, instead of as a no-op. A txn can sit " +
    "in two slots with every node honest: t1 executes at seq 1 and the checkpoint there becomes stable, while two " +
    "participants whose timers fired carry t1 as pending in their VIEW-CHANGEs; the NEW-VIEW re-proposes it " +
    "(presumed abort) at seq 2. The second run re-checks the read preconditions against the data the first run " +
    "wrote, and a participant that re-executes decides t1 abort where the others decided commit.",
  expected: "agreement",
  why: "DESIGN.md §3: a txn's outcome is fixed by the first decided slot that carries its id, at every replica " +
    "alike; PBFT §4.1 keeps the last reply per client so a retransmitted request is never executed twice " +
    "(exactly-once semantics).",
  search: ["--mode", "coverage", "--byzantine", "", "--txns", "1", "--window", "1", "--checkpoint-interval", "1",
    "--loss", "0", "--dup", "0", "--timeouts", "2", "--runs", "10000", "--steps", "20", "--seed", "1"],
};
