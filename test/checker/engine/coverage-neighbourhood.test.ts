/** Coverage search with neighbourhoods (coverage-neighbourhood.ts) on the toy two-phase commit. */
import assert from "node:assert/strict";
import { exploreCoverageCells } from "../../../checker/engine/coverage-search.js";
import { replayRecords } from "../../../checker/engine/trace-container.js";
import { twoPhaseTraceModel } from "./two-phase-commit.js";

describe("engine coverage search with neighbourhoods (two-phase commit)", () => {
  it("leaves the excursions as they were: the same cells, actions and depth, with or without neighbourhoods", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 0 });
    const options = { runs: 200, steps: 5, seed: 3 };
    const plain = exploreCoverageCells(model, options);
    const hood = exploreCoverageCells(model, { ...options, neighbourhood: { depth: 2 } });
    assert.equal(hood.failure, null);
    assert.deepEqual({ ...hood, neighbourhood: plain.neighbourhood }, plain);
    assert.equal(plain.neighbourhood.roots, 0);
    // One neighbourhood per archived cell, and the shared visited set holds each state once.
    assert.equal(hood.neighbourhood.roots, hood.cells);
    assert.ok(hood.neighbourhood.states > hood.cells);
    assert.deepEqual(exploreCoverageCells(model, { ...options, neighbourhood: { depth: 2 } }), hood);
  });

  it("finds a planted bug plain coverage misses with the same seed and budget, on a path that replays", () => {
    // The bug needs a yes vote counted while another participant has not voted yes: two specific steps out of
    // a start. One excursion of one step from the initial state cannot get there; its neighbourhood can.
    const model = twoPhaseTraceModel({ participants: 3, crashes: 0, commitOnFirstYes: true });
    const options = { runs: 1, steps: 1, seed: 1 };
    const plain = exploreCoverageCells(model, options);
    assert.equal(plain.failure, null);
    const hood = exploreCoverageCells(model, { ...options, neighbourhood: { depth: 3 } });
    const failure = hood.failure;
    assert.ok(failure !== null);
    assert.equal(failure.verdict.invariant, "validity");
    assert.equal(failure.neighbourhood, true);
    const replay = replayRecords(model, failure.actions.map(model.codec.encode));
    assert.equal(replay.skipped, 0);
    assert.equal(replay.verdict?.invariant, "validity");
  });

  it("cuts a neighbourhood at its states bound and counts it", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 1 });
    const r = exploreCoverageCells(model, { runs: 50, steps: 4, seed: 5, neighbourhood: { depth: 6, statesMax: 3 } });
    assert.ok(r.neighbourhood.cut > 0);
    assert.ok(r.neighbourhood.cut <= r.neighbourhood.roots);
  });
});

describe("engine coverage search with archived neighbourhoods (two-phase commit)", () => {
  it("archives the neighbourhoods' new cells and stays deterministic", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 0 });
    const options = { runs: 40, steps: 2, seed: 6 };
    const plain = exploreCoverageCells(model, { ...options, neighbourhood: { depth: 1 } });
    const archived = exploreCoverageCells(model, { ...options, neighbourhood: { depth: 1, archive: true } });
    assert.equal(archived.failure, null);
    assert.ok(archived.cells > plain.cells, `${archived.cells} cells archived, ${plain.cells} without`);
    assert.deepEqual(exploreCoverageCells(model, { ...options, neighbourhood: { depth: 1, archive: true } }), archived);
  });

  it("finds the blocking run from an archived neighbourhood state, on a path that replays", () => {
    const model = twoPhaseTraceModel({ participants: 3, crashes: 1 });
    const neighbourhood = { depth: 1, archive: true };
    const archived = exploreCoverageCells(model, { runs: 40, steps: 2, seed: 6, neighbourhood });
    const failure = archived.failure;
    assert.ok(failure !== null);
    const replay = replayRecords(model, failure.actions.map(model.codec.encode));
    assert.equal(replay.skipped, 0);
    assert.equal(replay.verdict?.invariant, "nobody blocked");
  });
});
