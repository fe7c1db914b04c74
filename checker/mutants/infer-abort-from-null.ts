import type { MutantCase } from "./mutant-case.js";

export const inferAbortFromNull: MutantCase = {
  mutant: "infer-abort-from-null",
  rule: "A participant that executes a null slot where it had prepared a txn takes the null as that txn's abort. " +
    "The other replicas, which never prepared the txn there, execute a no-op, and decide the txn later where " +
    "the NEW-VIEW re-proposes it: their data records it at another seq.",
  expected: "agreement",
  why: "DESIGN.md §3: never infer an outcome locally (\"my slot became null, so abort\"); that splits replicas. " +
    "A txn's outcome is fixed by the first decided slot carrying its id, the same at every replica. Agreement " +
    "(I1) falls first: one participant decides t1 at the null seq, the others where the NEW-VIEW re-proposes it.",
  search: [
    "--mode", "coverage", "--txns", "2", "--timeouts", "2", "--loss", "0", "--dup", "0",
    "--runs", "10000", "--steps", "20", "--seed", "2",
  ],
  gap: "Not caught within the catalog's 60 s under the schema-derived alphabet (survived seed 2 at load ~2): the " +
    "search's excursions now spend most of their steps on Byzantine moves, and the violation needs a view change " +
    "that nulls a slot one participant prepared. It was caught under the old, hand-picked alphabet. Nor did swarm " +
    "coverage with the stealthy draw and view-stage picks catch it (--byzantine 0 --flags commit,abort " +
    "--timeouts 2 --liveness off --seed 1: 481 excursions, 425 s at load ~20). Its shortest path was not " +
    "measured; by the rule it needs far more than no-flag-authority's 6 steps (a prepared certificate at one " +
    "participant, one for a higher seq at another, a NEW-VIEW that leaves the first out, the null slot's votes).",
};
