import type { MutantCase } from "./mutant-case.js";

export const batchDigestFirstOnly: MutantCase = {
  mutant: "batch-digest-first-only",
  rule: "A batch's digest covers only its first txn (spec/batch.ts: it must cover the whole batch, in order). " +
    "PREPAREs and COMMITs bind (view, seq, digest), so votes for one batch count for any batch that starts with " +
    "the same txn: a leader can show one batch to some participants and another, with a different second txn " +
    "or flag, to the rest, and both commit under one quorum.",
  // The spec's input validity (spec/transitions/input-validity.ts, with I10's justify-rules.ts) recomputes the digest
  // over the whole batch: the first participant to accept the coordinator's first batch breaks it, at step 1.
  expected: "invalid input ignored",
  why: "PBFT §4.2 and Castro-Liskov's batching (OSDI '99 §5.1): the pre-prepare's digest is of the request batch, " +
    "so that a prepared certificate fixes every request in it, not only the first.",
  search: ["--mode", "random", "--batch", "2", "--txns", "2", "--runs", "200", "--seed", "1"],
};
