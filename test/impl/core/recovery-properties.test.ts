/**
 * Safety through recovery, over random runs (STYLE.md "Properties"): whatever
 * mix of view changes, losses, crash-restarts, checkpoints and state transfers a run
 * goes through (test/support/recovery-run.ts), the invariants of DESIGN.md §5 hold
 * after every step, and no honest node signs two conflicting messages.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { recoveryChoiceArb, runRecovery } from "../../support/recovery-run.js";

const runArb = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(recoveryChoiceArb, { maxLength: 200, size: "max" }));

describe("recovery properties", () => {
  it("keeps every safety invariant through view changes, losses and crash-restarts (honest coordinator)", () => {
    fc.assert(fc.property(runArb, ([count, choices]) =>
      assert.equal(runRecovery(false, count, choices).violation, null)), { numRuns: 150 });
  });

  it("keeps every safety invariant through view changes with an equivocating coordinator", () => {
    fc.assert(fc.property(runArb, ([count, choices]) =>
      assert.equal(runRecovery(true, count, choices).violation, null)), { numRuns: 150 });
  });
});
