/** I6 detection completeness (spec/invariants/detection-completeness.ts) on hand-built delivery steps. */
import assert from "node:assert/strict";
import type { NewView, PrePrepare } from "../../../spec/messages.js";
import { conflicting, detectionCompleteness } from "../../../spec/invariants/detection-completeness.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { delivery, prepare, signed } from "../../support/delivery-views.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const check = detectionCompleteness.check;
const prePrepare = (view: number, seq: number, digest: string): PrePrepare =>
  ({ kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: asDigest(digest), proposal: null });

describe("I6 detection completeness", () => {
  it("holds for a first vote, for a matching repeat, and once the receiver holds proof", () => {
    assert.equal(check(delivery()), null);
    assert.equal(check(delivery({ counterpart: prepare(1, "d1") })), null);
    assert.equal(check(delivery({ counterpart: prepare(1, "d0"), signerProven: true })), null);
  });

  it("names conflicting votes the receiver holds no proof for", () => {
    assert.equal(check(delivery({ counterpart: prepare(1, "d0") })),
      "node 2 received conflicting Prepares from 1 but holds no proof");
  });

  it("judges no message whose signature fails: it proves nothing", () => {
    assert.equal(check(delivery({ counterpart: prepare(1, "d0"), verifies: false })), null);
  });

  it("names a PRE-PREPARE at a participant from a node that does not lead its view, not at the coordinator", () => {
    const m = signed(3, prePrepare(0, 1, "d"));
    assert.equal(check(delivery({ message: m })), "node 2 received a PrePrepare for a view it does not lead from 3 " +
      "but holds no proof");
    assert.equal(check(delivery({ message: m, receiver: asNodeId(4), receiverRole: "coordinator" })), null);
    assert.equal(check(delivery({ message: signed(4, prePrepare(0, 1, "d")) })), null, "C leads view 0");
  });

  it("names a PRE-PREPARE contradicting its leader's own installed NEW-VIEW", () => {
    const nv: NewView = { kind: "NewView", view: asView(1), viewChanges: [], prePrepares: [prePrepare(1, 1,
            "mandated")] };
    const newViewBefore = signAs(asNodeId(0), nv);
    assert.equal(check(delivery({ message: signed(0, prePrepare(1, 1, "mandated")), newViewBefore })), null);
    assert.equal(check(delivery({ message: signed(0, prePrepare(1, 1, "other")), newViewBefore })),
      "node 2 received a PrePrepare contradicting its own NEW-VIEW from 0 but holds no proof");
  });

  it("names an installed NEW-VIEW whose pre-prepares do not follow from its VIEW-CHANGEs", () => {
    const m = signed(0, { kind: "NewView", view: asView(1), viewChanges: [], prePrepares: [] });
    assert.equal(check(delivery({ message: m, installed: { view: asView(1), signer: asNodeId(0), derivable: true } })),
        null);
    assert.equal(check(delivery({ message: m, installed: { view: asView(1), signer: asNodeId(0), derivable: false } })),
      "node 2 installed a NEW-VIEW for view 1 from 0 whose pre-prepares do not follow from its view-changes, " +
      "and holds no proof");
  });

  it("calls confirmations conflicting on txn or outcome, not on the replica digest alone", () => {
    const confirm = (txn: string, replicaDigest: string) =>
      signed(1, { kind: "Confirm", seq: asSeq(1), txn, outcome: "commit", replicaDigest: asDigest(replicaDigest) });
    assert.equal(conflicting(confirm("t1", "r1"), confirm("t1", "r2")), false);
    assert.equal(conflicting(confirm("t1", "r1"), confirm("t2", "r1")), true);
  });
});
