import type { MutantCase } from "./mutant-case.js";

export const convictOnTimeout: MutantCase = {
  mutant: "convict-on-timeout",
  rule: "A participant whose view-change timer fires holds the leader proven faulty (isolated, never counted " +
    "again) instead of merely suspected. In an asynchronous network silence proves nothing: the timer of an " +
    "honest participant fires before the honest coordinator's pre-prepare arrives, and the honest coordinator " +
    "is convicted.",
  expected: "detection accuracy",
  why: "DESIGN.md §4: only transferable evidence (two conflicting signed messages, a message no honest node " +
    "could send) proves a fault; timeouts are suspicion. Failure detectors in an asynchronous system cannot be " +
    "both complete and accurate (Chandra and Toueg), so a timeout-based verdict must never isolate.",
  search: ["--mode", "random", "--runs", "1000", "--seed", "1"],
};
