/** I2 validity (spec/invariants/validity.ts) on hand-built global views. */
import assert from "node:assert/strict";
import { validity } from "../../../spec/invariants/validity.js";
import { executed, participant, txn, view } from "../../support/global-views.js";

describe("I2 validity", () => {
  it("holds when a committed txn was submitted with flag commit", () => {
    assert.equal(validity.check(view({ participants: [participant(0, [executed("t1", "commit", 1)])] })), null);
  });

  it("fails when a committed txn was never submitted", () => {
    const g = view({ participants: [participant(0, [executed("t9", "commit", 1)])] });
    assert.equal(validity.check(g), "P0 committed t9, which the client never submitted");
  });

  it("fails when an honest coordinator's abort is committed, and holds the same commit against a Byzantine one", () => {
    const aborted = {
      submitted: [{ txn: txn("t1"), flag: "abort" as const }],
      participants: [participant(0, [executed("t1", "commit", 1)])],
    };
    assert.equal(validity.check(view(aborted)), "P0 committed t1, which the honest coordinator proposed as abort");
    assert.equal(validity.check(view({ ...aborted, coordinatorHonest: false })), null);
  });
});
