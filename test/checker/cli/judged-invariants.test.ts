import assert from "node:assert/strict";
import { judgedInvariants } from "../../../checker/cli/judged-invariants.js";
import { safetyInvariants } from "../../../spec/invariants/index.js";

describe("the invariants a clean verdict names (judged-invariants.ts)", () => {
  it("names a range that covers every safety invariant's number, I10's justification included", () => {
    const named = /^I1-I(\d+)$/.exec(judgedInvariants());
    assert.ok(named !== null, judgedInvariants());
    const top = Number(named[1]);
    for (const inv of safetyInvariants) {
      const n = Number(/^I(\d+)/.exec(inv.id)?.[1]);
      assert.ok(n >= 1 && n <= top, `${inv.id} outside I1-I${top}`);
    }
    assert.ok(safetyInvariants.some((inv) => inv.id.startsWith(`I${top}`)), `no invariant is I${top}`);
  });
});
