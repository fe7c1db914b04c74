import type { MutantCase } from "./mutant-case.js";

export const noFlagAuthority: MutantCase = {
  mutant: "no-flag-authority",
  rule: "The core before the flag-authority rule (impl/core/flag-authority.ts): receivers of a PRE-PREPARE, the " +
    "certificate check and the impossible-message judge accept any flag in any view. A Byzantine participant " +
    "that leads view 1 pre-prepares a txn the honest coordinator flagged abort with flag commit; the honest " +
    "participants prepare, commit and execute it as commit.",
  expected: "validity",
  why: "DESIGN.md §3: the flag is the coordinator's decision, never a leader's. In a view a participant leads, " +
    "a commit needs the coordinator's signed word carried in the proposal and covered by the digest; without it " +
    "the leader may propose abort only (presumed abort). Issue 12 reported this bug; every move the violation " +
    "needs is in the alphabet, but no search has found it on its own yet (see gap).",
  search: ["--mode", "coverage", "--byzantine", "0", "--flags", "abort,abort", "--timeouts", "3", "--loss", "0",
    "--dup", "0", "--runs", "4000", "--steps", "20", "--seed", "1"],
  gap: "Not caught yet within the catalog's budget: the violation needs about 40 steps (a view change to P0, its " +
    "NEW-VIEW and mandated pre-prepare for seq 1, then its commit pre-prepare of t2 at seq 2 and both slots' votes); " +
    "coverage searches of 2,100 excursions (seeds 1 and 2, plain and --swarm) did not reach it at load 14-27, where " +
    "they ran 5 excursions a second. Every move it needs is in the alphabet: a hand-driven run of " +
    "45 steps (15 chosen moves, then deliveries in the fixed order) in this config ends in I2 " +
    "(P1 committed t2, which " +
    "the honest coordinator proposed as abort).",
};
