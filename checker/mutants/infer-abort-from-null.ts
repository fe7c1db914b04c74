import type { MutantCase } from "./mutant-case.js";

export const inferAbortFromNull: MutantCase = {
  mutant: "infer-abort-from-null",
  rule: "A participant that executes a null slot where it had prepared a txn takes the null as that txn's abort. " +
    "The other replicas, which never prepared the txn there, execute a no-op, and decide the txn later where " +
    "the NEW-VIEW re-proposes it: their data records it at another seq.",
  // I4 falls first: the second replica to execute the null slot holds other data at that seq; a null is no
  // outcome, so I1's per-slot check sees nothing there, and its per-txn one needs the re-proposed slot decided.
  expected: "consistency",
  why: "DESIGN.md §3: never infer an outcome locally (\"my slot became null, so abort\"); that splits replicas. " +
    "A txn's outcome is fixed by the first decided slot carrying its id, the same at every replica. It needs no " +
    "Byzantine node: t1 prepared at one participant only (its PREPAREs reached it alone), t2 prepared at the " +
    "leader of view 1, two timers, and an honest NEW-VIEW from the first Q VIEW-CHANGEs, which leaves the first " +
    "participant's out: seq 1 null, t2 kept at 2, t1 re-proposed (presumed abort) at 3. Shortest paths built by " +
    "hand: 33 steps all honest; 21 with a Byzantine P0 leading view 1 (one timer, its sound NEW-VIEW from its own " +
    "VIEW-CHANGE with t2's certificate and two honest ones, and its votes; adversary-new-view-quorums.ts). The " +
    "search runs all honest: a Byzantine participant's alphabet, hundreds of moves a step, dilutes the " +
    "excursions (not caught in 60 s with P3 or P0 Byzantine, seed 2 and 3).",
  search: [
    "--mode", "coverage", "--byzantine", "", "--txns", "2", "--timeouts", "2", "--loss", "0", "--dup", "0",
    "--liveness", "off", "--runs", "10000", "--steps", "20", "--seed", "2",
  ],
};
