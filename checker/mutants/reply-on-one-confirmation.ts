import type { MutantCase } from "./mutant-case.js";

export const replyOnOneConfirmation: MutantCase = {
  mutant: "reply-on-one-confirmation",
  rule: "The honest coordinator reports an outcome to the client on the first signed confirmation instead of " +
    "f+1 matching ones. The Byzantine participant confirms t1 aborted before anyone executed it, the " +
    "coordinator tells the client \"abort\", and the honest participants then commit t1.",
  expected: "client truth",
  why: "PBFT §4.1: the client waits for f+1 replies with the same result, since at most f can be faulty, one of " +
    "them is honest. DESIGN.md §3: C reports an outcome on f+1 matching confirmations.",
  search: ["--mode", "random", "--runs", "1000", "--seed", "1"],
};
