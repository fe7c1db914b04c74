import type { MutantCase } from "./mutant-case.js";

export const inferAbortFromNull: MutantCase = {
  mutant: "infer-abort-from-null",
  rule: "A participant that executes a null slot where it had prepared a txn takes the null as that txn's abort. " +
    "The other replicas, which never prepared the txn there, execute a no-op, and decide the txn later where " +
    "the NEW-VIEW re-proposes it: their data records it at another seq.",
  expected: "consistency",
  why: "DESIGN.md §3: never infer an outcome locally (\"my slot became null, so abort\"); that splits replicas. " +
    "A txn's outcome is fixed by the first decided slot carrying its id, the same at every replica.",
  search: ["--mode", "random", "--txns", "2", "--timeouts", "2", "--loss", "0", "--dup", "0", "--steps", "80", "--runs", "3000", "--seed", "2"],
  gap: "a null slot below a certified one arises only in a NEW-VIEW whose Q VIEW-CHANGEs certify a higher seq but " +
    "miss the one participant that prepared the lower seq: two txns, a view change and a precise interleaving, " +
    "which 60 s of random runs do not reach",
};
