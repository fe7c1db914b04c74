import type { MutantCase } from "./mutant-case.js";

export const noWatermarks: MutantCase = {
  mutant: "no-watermarks",
  rule: "A participant accepts a PRE-PREPARE (and votes) for any seq above its low watermark h, not only inside " +
    "(h, h+W]. A Byzantine leader can then propose at a seq far ahead: execution waits on the hole below it " +
    "until a view change fills it with nulls, and with a large enough seq it exhausts the seq space and the log. " +
    "The checker's bounded-log invariant (spec/invariants/bounded-log.ts) says what the watermarks guarantee: " +
    "no honest participant holds a pre-prepare above h + W. With W = 1 the Byzantine coordinator's pre-prepare " +
    "for seq 2 is already outside the window.",
  expected: "bounded log",
  why: "PBFT §4.2: the watermarks \"prevent a faulty primary from exhausting the space of sequence numbers by " +
    "selecting a very large one\", and bound the log a replica keeps between checkpoints (§4.3).",
  search: [
    "--mode", "random", "--coordinator", "byzantine", "--txns", "2", "--window", "1", "--checkpoint-interval", "1",
    "--runs", "2000", "--seed", "1",
  ],
};
