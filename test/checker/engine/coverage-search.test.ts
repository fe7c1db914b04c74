/** The engine's coverage-guided search on two-phase commit (two-phase-commit.ts), whose cell is its progress. */
import assert from "node:assert/strict";
import { exploreCoverageCells } from "../../../checker/engine/coverage-search.js";
import { replayRecords } from "../../../checker/engine/trace-container.js";
import { progressKey, twoPhaseTraceModel } from "./two-phase-commit.js";

describe("engine coverage search (two-phase commit)", () => {
  it("archives one state per progress cell and stays clean on correct 2PC, the same for a seed", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 0 });
    const options = { runs: 300, steps: 6, seed: 2 };
    const result = exploreCoverageCells(model, options);
    assert.equal(result.failure, null);
    assert.equal(result.excursions, 300);
    // Every cell is a distinct progress key, and some archived state is 3 votes and a decision deep.
    assert.ok(result.cells > 10);
    assert.ok(result.depthMax >= 7);
    assert.deepEqual(exploreCoverageCells(model, options), result);
  });

  it("finds the blocking run (a quiescence break) and its path replays to it", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 1 });
    const result = exploreCoverageCells(model, { runs: 2000, steps: 4, seed: 9 });
    const failure = result.failure;
    assert.ok(failure !== null);
    assert.equal(failure.verdict.invariant, "nobody blocked");
    const replay = replayRecords(model, failure.actions.map(model.codec.encode));
    assert.equal(replay.skipped, 0);
    assert.equal(replay.verdict?.invariant, "nobody blocked");
    assert.match(progressKey(replay.state), /crashed/);
  });

  it("swarm excursions: features left out per excursion, still deterministic and still finding the bug", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 0, commitOnFirstYes: true });
    const swarm = { featureOf: (a: { kind: string }) => a.kind, redraw: () => true };
    const options = { runs: 500, steps: 4, seed: 4, swarm };
    const result = exploreCoverageCells(model, options);
    assert.equal(result.failure?.verdict.invariant, "validity");
    assert.deepEqual(exploreCoverageCells(model, options), result);
  });
});
