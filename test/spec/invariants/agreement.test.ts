/** I1 agreement (spec/invariants/agreement.ts) on hand-built global views. */
import assert from "node:assert/strict";
import { agreement } from "../../../spec/invariants/agreement.js";
import { executed, participant, view } from "../../support/global-views.js";

describe("I1 agreement", () => {
  it("holds when honest participants executed the same txn with the same outcome at the same seq", () => {
    const t1 = executed("t1", "commit", 1);
    const participants = [participant(0, [t1]), participant(1, [t1]), participant(2)];
    assert.equal(agreement.check(view({ participants })), null);
  });

  it("fails when two honest participants decide different outcomes for one txn", () => {
    const participants = [participant(0, [executed("t1", "commit", 1)]), participant(1, [executed("t1", "abort", 1)])];
    const g = view({ participants });
    assert.equal(agreement.check(g), "txn t1: P0 decided commit at seq 1, P1 decided abort at seq 1");
  });

  it("fails when two honest participants execute different txns at one seq", () => {
    const participants = [participant(0, [executed("t1", "commit", 1)]), participant(1, [executed("t2", "commit", 1)])];
    const g = view({ participants });
    assert.equal(agreement.check(g), "seq 1: P0 executed t1, P1 executed t2");
  });
});
