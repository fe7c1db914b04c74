import type { MutantCase } from "./mutant-case.js";

export const newViewUnchecked: MutantCase = {
  mutant: "new-view-unchecked",
  rule: "A participant installs a NEW-VIEW without recomputing its pre-prepares from the VIEW-CHANGEs it carries: " +
    "it trusts the new leader's choice. A Byzantine leader carries a valid quorum of VIEW-CHANGEs, one of them " +
    "with the certificate of a committed txn, and proposes a null at that seq instead.",
  expected: "agreement",
  why: "PBFT §4.4: backups check that the NEW-VIEW's O set follows from its V set by running the primary's " +
    "computation; the VIEW-CHANGEs are carried exactly so that anyone can. DESIGN.md §4: a NEW-VIEW that does " +
    "not follow from its view-changes is proof against its sender.",
  search: ["--mode", "random", "--byzantine", "P0", "--loss", "0", "--dup", "0", "--timeouts", "1", "--steps", "40", "--runs", "3000", "--seed", "1"],
  gap: "the Byzantine leader of view 1 can now send NEW-VIEWs that null a certified seq (main's variants), but a " +
    "violation also needs t1 executed at one honest participant in view 0 while another has not, a view change " +
    "whose VIEW-CHANGEs carry t1's certificate, and the nulled seq then executed: some 30 specific steps, which " +
    "20,000 random runs (60 s, seeds 1 and 2) did not reach",
};
