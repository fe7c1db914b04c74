import type { MutantCase } from "./mutant-case.js";

export const noFlagAuthority: MutantCase = {
  mutant: "no-flag-authority",
  rule: "The core before the flag-authority rule (impl/core/flag-authority.ts): receivers of a PRE-PREPARE, the " +
    "certificate check and the impossible-message judge accept any flag in any view. A Byzantine participant " +
    "that leads view 1 pre-prepares a txn with flag commit and no word of the coordinator's; the honest " +
    "participants log it, prepare it and, with the votes, commit it (an abort-flagged txn ends committed: I2).",
  // I10f (spec/transitions/invalid-input.ts) fires at the step the broken rule accepts the PRE-PREPARE.
  expected: "invalid input ignored",
  why: "DESIGN.md §3: the flag is the coordinator's decision, never a leader's. In a view a participant leads, " +
    "a commit needs the coordinator's signed word carried in the proposal and covered by the digest; without it " +
    "the leader may propose abort only (presumed abort). Issue 12 reported this bug. The shortest path is 6 " +
    "steps (one honest timer, P0's VIEW-CHANGE and an honest one make a second participant join, P0's NEW-VIEW, " +
    "its commit PRE-PREPARE at a seq the NEW-VIEW left free); swarm coverage finds it with its stealthy draw " +
    "and view-stage cell picks (checker/search/stealthy-draw.ts, view-stage.ts). A search, not a proof: with " +
    "the Byzantine leader's unsound NEW-VIEW move (draw 7) seeds 1, 2 and 5 find it within 2,000 excursions " +
    "(628, 25, 1,901), seeds 3 and 4 do not, so the gate runs seed 1.",
  search: ["--mode", "coverage", "--swarm", "--byzantine", "0", "--flags", "commit,abort", "--timeouts", "1",
    "--loss", "0", "--dup", "0", "--liveness", "off", "--runs", "2000", "--steps", "20", "--seed", "1"],
};
