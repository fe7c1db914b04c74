/** I7 client truth (spec/invariants/client-truth.ts) on hand-built global views. */
import assert from "node:assert/strict";
import type { Confirm, Signed } from "../../../spec/messages.js";
import { clientTruth } from "../../../spec/invariants/client-truth.js";
import { executed, participant, view } from "../../support/global-views.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const confirm = (signer: number, outcome: "commit" | "abort"): Signed<Confirm> =>
  ({ body: { kind: "Confirm", seq: asSeq(1), txn: "t1", outcome, replicaDigest: asDigest("d") }, signer:
        asNodeId(signer), signature: "s" });
const decidedCommit = [participant(0, [executed("t1", "commit", 1)]), participant(1, [executed("t1", "commit", 1)])];

describe("I7 client truth", () => {
  it("holds when the honest coordinator's reply and f+1 confirmations match the decision", () => {
    const g = view({ participants: decidedCommit, replies: [{ txn: "t1", outcome: "commit" }],
      confirmations: [confirm(0, "commit"), confirm(1, "commit"), confirm(3, "abort")] });
    assert.equal(clientTruth.check(g), null, "one lying confirmation (f of them) proves nothing");
  });

  it("fails when the honest coordinator replies another outcome than the participants decided", () => {
    const g = view({ participants: decidedCommit, replies: [{ txn: "t1", outcome: "abort" }] });
    assert.equal(clientTruth.check(g), "coordinator replied abort for t1, participants decided commit");
  });

  it("fails when f+1 distinct signers confirm a wrong outcome, even with a Byzantine coordinator", () => {
    const confirmations = [confirm(3, "abort"), confirm(2, "abort")];
    const g = view({ participants: decidedCommit, coordinatorHonest: false, confirmations });
    assert.equal(clientTruth.check(g), "2 confirmations say t1 abort, participants decided commit");
  });
});
