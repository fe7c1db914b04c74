/** I3 integrity (spec/invariants/integrity.ts): its state part on global views and its order (transition) part. */
import assert from "node:assert/strict";
import { executionOrderProblem, expiredExecutionProblem, integrity } from "../../../spec/invariants/integrity.js";
import { executed, participant, txn, view } from "../../support/global-views.js";
import { asSeq } from "../../../spec/ids.js";

describe("I3 integrity", () => {
  it("holds when each txn and each seq is executed once, up to the last executed seq", () => {
    const p = participant(0, [executed("t1", "commit", 1), executed("t2", "abort", 2)]);
    assert.equal(integrity.check(view({ participants: [p] })), null);
  });

  it("fails when two txns are recorded at one seq", () => {
    const p = participant(0, [executed("t1", "commit", 1), executed("t2", "commit", 1)]);
    assert.equal(integrity.check(view({ participants: [p] })), "P0 executed two txns at seq 1");
  });

  it("fails when a txn is recorded beyond the last executed seq", () => {
    const p = participant(0, [executed("t1", "commit", 3)], { lastExecuted: asSeq(2) });
    assert.equal(integrity.check(view({ participants: [p] })), "P0 records t1 at seq 3 beyond its last executed seq 2");
  });

  it("order: the next seq after the last executed is in order; a gap or a repeat is not", () => {
    assert.equal(executionOrderProblem(0, 2, 3), null);
    assert.equal(executionOrderProblem(0, -1, 7), null, "no earlier state: nothing to compare with");
    assert.equal(executionOrderProblem(1, 2, 4), "node 1 executed seq 4 after seq 2");
    assert.equal(executionOrderProblem(1, 2, 2), "node 1 executed seq 2 after seq 2");
  });

  it("at-most-once: holds for a txn recorded at or below its signed expiry", () => {
    const p = participant(0, [executed("t1", "commit", 2)]);
    const g = view({ participants: [p], submitted: [{ txn: { ...txn("t1"), expires: 2 }, flag: "commit" }] });
    assert.equal(integrity.check(g), null);
  });

  it("at-most-once: fails for a txn recorded past its signed expiry (a second run after its record was pruned)", () => {
    const p = participant(0, [executed("t1", "commit", 3)]);
    const g = view({ participants: [p], submitted: [{ txn: { ...txn("t1"), expires: 2 }, flag: "commit" }] });
    assert.equal(integrity.check(g), "P0 executed t1 at seq 3, past its expiry at seq 2");
  });

  it("at-most-once per decision: in time, or no expiry, is fine; past the expiry is not", () => {
    assert.equal(expiredExecutionProblem(0, 4, "t1", 4), null);
    assert.equal(expiredExecutionProblem(0, 40, "t1", undefined), null);
    assert.equal(expiredExecutionProblem(2, 5, "t1", 4), "P2 executed t1 at seq 5, past its expiry at seq 4");
  });
});
