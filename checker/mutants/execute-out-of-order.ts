import type { MutantCase } from "./mutant-case.js";

export const executeOutOfOrder: MutantCase = {
  mutant: "execute-out-of-order",
  rule: "A participant executes the lowest committed slot above its last executed seq, skipping a gap below it, " +
    "instead of waiting for the next seq. With two txns in flight, the network delivers seq 2's votes first; " +
    "the participant runs t2 before t1, and seq 1 can never run afterwards.",
  expected: "integrity",
  why: "PBFT §4.2: a replica executes a request once it is committed-local and every request with a lower " +
    "sequence number has executed. State machine replication needs the same order at every replica " +
    "(Schneider 1990); with contending txns a different order gives different outcomes (I4).",
  search: ["--mode", "random", "--txns", "2", "--runs", "1000", "--seed", "1"],
};
