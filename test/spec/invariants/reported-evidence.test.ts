/**
 * I5 at its source, suspicion accuracy, report well-formedness and I5f (spec/invariants/reported-evidence.ts) on
 * hand-built reports.
 */
import assert from "node:assert/strict";
import {
  forgedReport, reportedProof, suspicionAccuracy, wellFormedReport, type ReportView,
} from "../../../spec/invariants/reported-evidence.js";
import { asNodeId } from "../../../spec/ids.js";

const report = (over: Partial<ReportView> = {}): ReportView => ({
  by: asNodeId(1), against: asNodeId(0), grade: "proven", reason: "equivocation", verdict: { holds: true
      }, againstHonest: false, ...over,
});

describe("I5 on every reported proof", () => {
  it("holds for a verifying proof against a faulty node, and for any suspicion", () => {
    assert.equal(reportedProof.check(report()), null);
    const suspicion = report({ grade: "suspected", reason: "timeout", verdict: null, againstHonest: true });
    assert.equal(reportedProof.check(suspicion), null);
  });

  it("names a proof that does not verify, even against a faulty node", () => {
    assert.equal(reportedProof.check(report({ verdict: { holds: false, why: "no proof attached" } })),
      "node 1 reports 0 proven (equivocation) with a proof that does not verify: no proof attached");
  });

  it("names a verifying proof against an honest node", () => {
    assert.equal(reportedProof.check(report({ against: asNodeId(2), againstHonest: true })),
      "node 1 reports honest node 2 proven (equivocation) with a proof that verifies");
  });
});

describe("suspicion accuracy", () => {
  const suspicion = (over: Partial<ReportView>): ReportView =>
    report({ grade: "suspected", reason: "bad-signature", verdict: null, ...over });

  it("holds for a bad-signature suspicion of a faulty node, and for a timeout suspicion of an honest one", () => {
    assert.equal(suspicionAccuracy.check(suspicion({ againstHonest: false })), null);
    assert.equal(suspicionAccuracy.check(suspicion({ reason: "timeout", againstHonest: true })), null);
  });

  it("names a bad-signature suspicion of an honest node: a name written on garbage", () => {
    assert.equal(suspicionAccuracy.check(suspicion({ against: asNodeId(2), againstHonest: true })),
      "node 1 suspects honest node 2 of a bad signature");
  });
});

describe("report well-formedness", () => {
  const suspicion = (reason: string): ReportView => report({ grade: "suspected", reason, verdict: null });

  it("holds for each suspicion reason, and for a proven report (its reason is the judge's to check)", () => {
    for (const reason of ["bad-signature", "unexpected", "timeout"]) {
      assert.equal(wellFormedReport.check(suspicion(reason)), null);
    }
    assert.equal(wellFormedReport.check(report()), null);
  });

  it("names a suspicion with no reason, and one that gives a proof's reason", () => {
    assert.equal(wellFormedReport.check(suspicion("")),
      'node 1 suspects 0 giving the reason "", not one of bad-signature, unexpected, timeout');
    assert.match(wellFormedReport.check(suspicion("equivocation")) ?? "", /giving the reason "equivocation"/);
  });
});

describe("I5f: an honest node's own message handed to the judge as proof", () => {
  const handed = (over: Partial<ReportView>): ReportView =>
    report({ reason: "impossible-message", againstHonest: true, ...over });

  it("holds when the judge rejects it, and for a verifying proof against a faulty node", () => {
    const rejected = handed({ verdict: { holds: false, why: "Prepare is one an honest node may send" } });
    assert.equal(forgedReport.check(rejected), null);
    assert.equal(forgedReport.check(handed({ againstHonest: false })), null);
  });

  it("names an honest node's message that the judge takes as proof against it", () => {
    assert.equal(forgedReport.check(handed({ by: asNodeId(3), against: asNodeId(2) })),
      "honest node 2's own message, handed to the judge by 3 as impossible-message proof, verifies");
  });
});
