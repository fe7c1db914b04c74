import type { MutantCase } from "./mutant-case.js";

export const viewChangeDropsCertificates: MutantCase = {
  mutant: "view-change-drops-certificates",
  rule: "A VIEW-CHANGE leaves out its sender's prepared certificates (PBFT's P set). t1 commits and executes at " +
    "one honest participant in view 0; the others time out, and the NEW-VIEW, built from VIEW-CHANGEs that " +
    "carry no certificate, sees t1 only as a pending request and re-proposes it with flag abort.",
  expected: "agreement",
  why: "PBFT §4.4: the view-change message carries P, the prepared certificates, because a request " +
    "committed-local at one honest replica is prepared at f+1 honest ones, and any 2f+1 VIEW-CHANGEs include one " +
    "of them; this is what carries a decision across views. Without it presumed abort contradicts a commit.",
  search: ["--mode", "random", "--runs", "3000", "--seed", "1"],
};
