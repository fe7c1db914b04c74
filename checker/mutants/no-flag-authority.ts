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
    "the leader may propose abort only (presumed abort). Issue 12 reported this bug; the checker finds it here " +
    "with no steering: the alphabet's leader moves and the workload's abort flag are all it needs.",
  search: ["--mode", "coverage", "--byzantine", "0", "--flags", "abort,abort", "--timeouts", "3", "--loss", "0",
    "--dup", "0", "--runs", "4000", "--steps", "20", "--seed", "1"],
};
