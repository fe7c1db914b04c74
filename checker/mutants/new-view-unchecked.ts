import type { MutantCase } from "./mutant-case.js";

export const newViewUnchecked: MutantCase = {
  mutant: "new-view-unchecked",
  rule: "A participant installs a NEW-VIEW without recomputing its pre-prepares from the VIEW-CHANGEs it carries: " +
    "it trusts the new leader's choice. A Byzantine leader carries a valid quorum of VIEW-CHANGEs, one of them " +
    "with the certificate of a committed txn, and proposes a null at that seq instead.",
  expected: "detection-completeness",
  why: "PBFT §4.4: backups check that the NEW-VIEW's O set follows from its V set by running the primary's " +
    "computation; the VIEW-CHANGEs are carried exactly so that anyone can. DESIGN.md §4: a NEW-VIEW that does " +
    "not follow from its view-changes is proof against its sender, so a receiver that installs one has ignored " +
    "proof it held (I6), five steps in. Left running, the split follows: the receivers execute the null where " +
    "an honest participant executed t1 (consistency, 22 steps; coverage search found it in about two minutes " +
    "before I6 judged installed NEW-VIEWs).",
  search: [
    "--mode", "coverage", "--byzantine", "P0", "--loss", "0", "--dup", "0", "--timeouts", "2",
    "--runs", "4000", "--steps", "20", "--seed", "1",
  ],
};
