/** The transition halves of I10 (spec/transitions): committed slots (I10b), view joins (I10d), invalid input (I10f). */
import assert from "node:assert/strict";
import { invalidInputProblem } from "../../../spec/transitions/invalid-input.js";
import { newlyCommittedProblem } from "../../../spec/transitions/justified-commit.js";
import { viewJoinProblem } from "../../../spec/transitions/justified-join.js";
import {
  C, forgeAs, held, judge, prePrepare, request, signAs, slot, viewChange, vote,
} from "../../support/held-states.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));
const before = held({ slots: [slot(pp, "prepared", [1, 2], [1])] });

describe("I10b justified committed slots (transition)", () => {
  it("holds when the slot turns committed on Q-1 others' COMMITs", () => {
    assert.equal(newlyCommittedProblem(before, held({ slots: [slot(pp, "committed", [1, 2], [1, 2])] }), judge), null);
  });

  it("names a slot turned committed on one COMMIT too few", () => {
    assert.equal(newlyCommittedProblem(before, held({ slots: [slot(pp, "executed", [1, 2], [1])] }), judge),
      "P0 turned s1 executed: v0 s1: 1 valid matching COMMITs from other participants, needs 2");
  });
});

describe("I10d justified view joins (transition)", () => {
  const normal = held({ id: asNodeId(1) });
  const joined = (viewChanges: ReturnType<typeof viewChange>[], proven = 0) =>
    held({ id: asNodeId(1), view: asView(2), status: "view-change", viewChanges, proven });

  it("holds when f+1 other participants asked for the view, or past a proven leader", () => {
    const m = viewChange(asView(2), asNodeId(3));
    assert.equal(viewJoinProblem(held({ id: asNodeId(1), viewChanges: [viewChange(asView(2), asNodeId(2))] }),
          joined([]), m, judge), null);
    const deposed = held({ id: asNodeId(1), view: asView(1), status: "view-change", proven: 1 << C });
    assert.equal(viewJoinProblem(normal, deposed, pp, judge), null);
  });

  it("names a join on one VIEW-CHANGE", () => {
    const problem = viewJoinProblem(normal, joined([]), viewChange(asView(2), asNodeId(3)), judge);
    assert.match(problem ?? "", /^P1 moved from view 0 to a view change for 2/);
  });
});

describe("I10f invalid input ignored (transition)", () => {
  const forged = forgeAs(asNodeId(3), asNodeId(2), vote("Commit", pp, asNodeId(3)).body);

  it("holds when an invalid message leaves the state alone, and when a valid one changes it", () => {
    assert.equal(invalidInputProblem(before, { ...before }, forged, judge), null);
    const after = held({ slots: [slot(pp, "prepared", [1, 2], [1, 3])] });
    assert.equal(invalidInputProblem(before, after, vote("Commit", pp, asNodeId(3)), judge), null);
  });

  it("names a forged COMMIT that changed the log", () => {
    const after = held({ slots: [slot(pp, "prepared", [1, 2], [1, 3])] });
    assert.equal(invalidInputProblem(before, after, forged, judge),
      "P0 changed its slots on a Commit claiming signer 3 that fails verification");
  });

  it("names a non-leader's PRE-PREPARE kept after convicting its signer", () => {
    const bad = prePrepare(asView(0), asSeq(2), null, asNodeId(3));
    const after = held({ slots: [...before.slots, slot(bad, "pre-prepared", [], [])], proven: 1 << 3 });
    const problem = invalidInputProblem(before, after, bad, judge);
    assert.match(problem ?? "", /^P0 kept pre-prepare v0 s2 not validly signed by its leader 4/);
    assert.equal(invalidInputProblem(before, { ...before, proven: 1 << 3 }, signAs(asNodeId(3), bad.body), judge),
        null);
  });
});
