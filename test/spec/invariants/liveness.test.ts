/** Bounded liveness (spec/invariants/liveness.ts) on hand-built end-of-run views. */
import assert from "node:assert/strict";
import { asNodeId } from "../../../spec/ids.js";
import {
  livenessProblem, owedTxns, undecided, unreplied, type LivenessView,
} from "../../../spec/invariants/liveness.js";

const p = (id: number, decided: string[], seen: string[] = decided) => ({ id: asNodeId(id), decided, seen });
const view = (over: Partial<LivenessView> = {}): LivenessView => ({
  f: 1, coordinatorRunning: true, submitted: ["t2", "t1"],
  participants: [p(0, ["t1", "t2"]), p(1, ["t1", "t2"]), p(2, ["t1", "t2"])], replied: ["t1", "t2"], ...over,
});
const healed = { steps: 40, cycled: false };

describe("bounded liveness", () => {
  it("holds when every honest participant decided every submitted txn", () => {
    assert.equal(livenessProblem(view(), healed), null);
  });

  it("names each txn some honest participant lacks while the coordinator runs", () => {
    const v = view({ participants: [p(0, ["t1", "t2"]), p(1, ["t1"]), p(2, ["t1"])] });
    assert.deepEqual(undecided(v), [{ txn: "t2", missing: [1, 2] }]);
    assert.equal(livenessProblem(v, healed), "t2 at P1,P2 undecided, not within the healed phase's bound of 40 steps");
    assert.match(livenessProblem(v, { steps: 7, cycled: true }) ?? "", /never: the healed phase cycles or goes quiet/);
  });

  it("without a running coordinator owes only txns an honest participant saw, to f+1 of them", () => {
    const v = view({ coordinatorRunning: false, participants: [p(0, ["t1"]), p(1, ["t1"]), p(2, [], ["t1"])] });
    assert.deepEqual(owedTxns(v), ["t1"], "t2 reached no honest participant");
    assert.equal(livenessProblem(v, healed), null, "P0 and P1 are f+1 deciders");
    const short = view({ coordinatorRunning: false, participants: [p(0, ["t1"]), p(1, [], ["t1"]), p(2, [])] });
    assert.deepEqual(undecided(short), [{ txn: "t1", missing: [1, 2] }]);
  });

  it("names each submitted txn a running coordinator never replied to, though every participant decided it", () => {
    const v = view({ replied: ["t1"] });
    assert.deepEqual(undecided(v), []);
    assert.deepEqual(unreplied(v), ["t2"]);
    assert.equal(livenessProblem(v, healed),
      "t2 never replied to by the coordinator, not within the healed phase's bound of 40 steps");
    const both = view({ replied: [], participants: [p(0, ["t1", "t2"]), p(1, ["t1"]), p(2, ["t1"])] });
    assert.equal(livenessProblem(both, { steps: 7, cycled: true }),
      "t2 at P1,P2 undecided; t1,t2 never replied to by the coordinator, never: the healed phase cycles or goes quiet "
      + "after 7 steps");
  });

  it("owes no reply once the coordinator is Byzantine or silent (the client has the confirmations)", () => {
    const v = view({ coordinatorRunning: false, replied: [] });
    assert.deepEqual(unreplied(v), []);
    assert.equal(livenessProblem(v, healed), null);
  });
});
