/**
 * Justified proposals and flag authority (I10e) (spec/invariants/justified-proposals.ts)
 * on hand-built retained state of one honest participant, signed with the checker's symbolic signatures,
 * judged by the independent rules.
 */
import assert from "node:assert/strict";
import { justifiedProposals } from "../../../spec/invariants/justified-proposals.js";
import { C, held, prePrepare, request, signAs, slot, viewOf } from "../../support/held-states.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp0 = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));

describe("I10e justified proposals and flag authority", () => {
  it("holds for a commit the coordinator proposed in its view, and one it authorised in a participant's", () => {
    assert.equal(justifiedProposals.check(viewOf(held({ slots: [slot(pp0, "pre-prepared", [], [])] }))), null);
    const authority = signAs(asNodeId(C), { kind: "Request" as const, request, flag: "commit" as const });
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority }, asNodeId(0));
    assert.equal(justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "pre-prepared", [], [])]
                }))), null);
  });

  it("names a commit a participant leader proposed without the coordinator's authority", () => {
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit" }, asNodeId(0));
    assert.equal(justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "learned", [], [])] }))),
      "P0 accepted commit flag for t1 in view 1 without the coordinator's authority");
  });

  it("names an authority that the coordinator did not sign", () => {
    const authority = signAs(asNodeId(1), { kind: "Request" as const, request, flag: "commit" as const });
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority }, asNodeId(0));
    const problem = justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "learned", [], [])] })));
    assert.match(problem ?? "", /not validly signed/);
  });
});
