import type { MutantCase } from "./mutant-case.js";

export const noWatermarks: MutantCase = {
  mutant: "no-watermarks",
  rule: "A participant accepts a PRE-PREPARE (and votes) for any seq above its low watermark h, not only inside " +
    "(h, h+W]. A Byzantine leader can then propose at a seq far ahead: execution waits on the hole below it " +
    "until a view change fills it with nulls, and with a large enough seq it exhausts the seq space and the log.",
  expected: "liveness",
  why: "PBFT §4.2: the watermarks \"prevent a faulty primary from exhausting the space of sequence numbers by " +
    "selecting a very large one\", and bound the log a replica keeps between checkpoints (§4.3).",
  search: ["--mode", "random", "--coordinator", "byzantine", "--txns", "2", "--window", "1", "--checkpoint-interval", "1",
    "--liveness", "on", "--runs", "2000", "--seed", "1"],
  gap: "the Byzantine alphabet proposes only the seqs 1..T of the T txns in play, so a hole is at most T-1 seqs " +
    "wide and the next NEW-VIEW fills it with nulls within the healed phase's bound; exhaustion and log growth " +
    "are resource properties that no invariant (I1-I7, bounded liveness) states",
};
