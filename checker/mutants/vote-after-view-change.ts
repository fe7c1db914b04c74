import type { MutantCase } from "./mutant-case.js";

export const voteAfterViewChange: MutantCase = {
  mutant: "vote-after-view-change",
  rule: "A participant keeps voting in view v after it sent VIEW-CHANGE(v+1). Its VIEW-CHANGE said it had " +
    "prepared nothing; its later PREPARE and COMMIT then help t1 commit in view 0 at another honest " +
    "participant, while the NEW-VIEW built from VIEW-CHANGEs that predate those votes re-proposes t1 with flag abort.",
  expected: "agreement",
  why: "PBFT §4.4: a backup that sends VIEW-CHANGE for v+1 stops accepting messages other than checkpoints, " +
    "view-change and new-view messages: the VIEW-CHANGE is its statement of what it prepared, and the new " +
    "view's safety rests on that statement staying true. Every view-based protocol (Paxos ballots, Raft terms) " +
    "has this promise-not-to-vote rule.",
  search: ["--mode", "random", "--runs", "3000", "--seed", "1"],
};
