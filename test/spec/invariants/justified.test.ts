/**
 * The I10 family's frame (spec/invariants/justified.ts): a rule over what each honest participant retains, named
 * after the first participant that breaks it; views that retain nothing (hand-built ones) are not judged.
 */
import assert from "node:assert/strict";
import { justifiedAlways } from "../../../spec/invariants/justified.js";
import { held, viewOf } from "../../support/held-states.js";
import { asSeq } from "../../../spec/ids.js";

const executedNothing = justifiedAlways("I10x", "executed nothing", (p) =>
  p.lastExecuted > 0 ? `executed through s${p.lastExecuted}` : null);

describe("justified (I10 frame)", () => {
  it("holds when every retaining participant satisfies the rule", () => {
    assert.equal(executedNothing.check(viewOf(held())), null);
  });

  it("names the participant that breaks the rule", () => {
    assert.equal(executedNothing.check(viewOf(held({ lastExecuted: asSeq(2) }))), "P0 executed through s2");
  });

  it("judges no view without retained state or without a judge", () => {
    const broken = viewOf(held({ lastExecuted: asSeq(2) }));
    const unretained = { ...broken, participants: broken.participants.map(({ held: _held, ...p }) => p) };
    assert.equal(executedNothing.check(unretained), null);
    const { judge: _judge, ...unjudged } = broken;
    assert.equal(executedNothing.check(unjudged), null);
  });
});
