/**
 * The engine's shrinker on a failing two-phase-commit run (two-phase-commit.ts), judged by replaying its
 * trace records, and its generic passes on plain numbers.
 */
import assert from "node:assert/strict";
import { exploreRandomRuns } from "../../../checker/engine/random-search.js";
import { shrinkSequence, type StillViolates } from "../../../checker/engine/shrink-sequence.js";
import { replayRecords, violatesOnReplay } from "../../../checker/engine/trace-container.js";
import { twoPhaseTraceModel } from "./two-phase-commit.js";

describe("engine shrinking (delta debugging and one-step simplifications)", () => {
  it("shrinks a long failing 2PC run to a 1-minimal one that still breaks validity", () => {
    const model = twoPhaseTraceModel({ participants: 4, crashes: 1, commitOnFirstYes: true });
    // A long padded run: everyone votes yes, the crash is tried, all decisions are learned.
    const padded = ["vote 0 yes", "start", "vote 3 yes", "vote 2 yes", "vote 1 yes", "count 2", "count 3",
      "learn 0", "learn 1", "learn 2", "crash", "learn 3", "count 0"];
    const judge = violatesOnReplay(model);
    const before = judge(padded);
    assert.equal(before?.invariant, "validity");
    const shrunk = shrinkSequence(padded, judge, { removeFirst: (r) => r === "crash", groupOf: (r) => r.slice(-5) });
    assert.equal(shrunk.verdict.invariant, "validity");
    assert.ok(shrunk.minimal);
    assert.equal(shrunk.steps.length, 3);
    assert.equal(shrunk.steps[0], "start");
    // 1-minimal: leaving out any one step no longer breaks validity.
    for (let i = 0; i < shrunk.steps.length; i++) {
      assert.equal(judge(shrunk.steps.filter((_, j) => j !== i))?.invariant, undefined);
    }
    assert.equal(replayRecords(model, shrunk.steps).skipped, 0);
  });

  it("shrinks what the engine's random search found on 2PC, never longer than fast-check's run", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 1 });
    const found = exploreRandomRuns({ setup: () => ({ model }) }, { runs: 300, steps: 40, seed: 8 }).failure;
    assert.ok(found !== null);
    const records = found.run.actions.map(model.codec.encode);
    const shrunk = shrinkSequence(records, violatesOnReplay(model));
    assert.equal(shrunk.verdict.invariant, found.run.verdict?.invariant);
    assert.ok(shrunk.steps.length <= records.length);
  });

  it("simplifies steps one at a time: every step as small as it can be, none removable", () => {
    const tooBig: StillViolates<number> = (xs) =>
      xs.reduce((a, b) => a + b, 0) >= 10 ? { invariant: "sum below 10", message: `sum ${xs.join("+")}` } : null;
    const simpler = (x: number): number[] => Array.from({ length: x }, (_, i) => i);
    const shrunk = shrinkSequence([7, 5, 9, 3], tooBig, { simpler });
    const sum = shrunk.steps.reduce((a, b) => a + b, 0);
    assert.equal(sum, 10);
    for (let i = 0; i < shrunk.steps.length; i++) {
      assert.equal(tooBig(shrunk.steps.filter((_, j) => j !== i)), null);
      assert.equal(tooBig(shrunk.steps.map((x, j) => (j === i ? x - 1 : x))), null);
    }
  });

  it("refuses a sequence that breaks nothing", () => {
    assert.throws(() => shrinkSequence([1], () => null), /do not violate/);
  });
});
