/**
 * Justified prepared certificates (I10a) (spec/invariants/justified-prepared.ts)
 * on hand-built retained state of one honest participant, signed with the checker's symbolic signatures,
 * judged by the independent rules.
 */
import assert from "node:assert/strict";
import { justifiedPrepared } from "../../../spec/invariants/justified-prepared.js";
import { C, forgeAs, held, prePrepare, request, signAs, slot, viewOf, vote } from "../../support/held-states.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp0 = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));

describe("I10a justified prepared certificates", () => {
  it("holds for a prepared slot with the leader's pre-prepare and Q-1 others' PREPAREs", () => {
    assert.equal(justifiedPrepared.check(viewOf(held({ slots: [slot(pp0, "prepared", [1, 2], [])] }))), null);
  });

  it("names a slot prepared on one PREPARE too few", () => {
    assert.equal(justifiedPrepared.check(viewOf(held({ slots: [slot(pp0, "prepared", [1], [])] }))),
      "P0 holds s1 as prepared: v0 s1: 1 valid matching PREPAREs from other participants, needs 2");
  });

  it("does not count a forged PREPARE toward a certificate of the P set", () => {
    const cert = { prePrepare: pp0, prepares: [vote("Prepare", pp0, asNodeId(1)), forgeAs(asNodeId(2), asNodeId(3),
            vote("Prepare", pp0, asNodeId(2)).body)] };
    assert.match(justifiedPrepared.check(viewOf(held({ prepared: [cert] }))) ?? "", /1 valid matching PREPAREs/);
  });

  it("names a pre-prepare whose digest does not match its body", () => {
    const bad = signAs(asNodeId(C), { ...pp0.body, digest: asDigest("0000") });
    const problem = justifiedPrepared.check(viewOf(held({ slots: [slot(bad, "prepared", [1, 2], [])] })));
    assert.match(problem ?? "", /digest does not match/);
  });
});
