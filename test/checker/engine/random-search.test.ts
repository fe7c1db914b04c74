/**
 * The engine's random search on a protocol it knows nothing about: two-phase
 * commit (two-phase-commit.ts), one model and a swarm family of them.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { exploreRandomRuns, type RandomFamily } from "../../../checker/engine/random-search.js";
import { replayPath } from "../../../checker/engine/search-model.js";
import {
  twoPhaseCommit, twoPhaseTraceModel, type TwoPhaseAction, type TwoPhaseOptions, type TwoPhaseState,
} from "./two-phase-commit.js";

const single = (options: TwoPhaseOptions): RandomFamily<TwoPhaseState, TwoPhaseAction, never> =>
  ({ setup: () => ({ model: twoPhaseTraceModel(options) }) });

describe("engine random search (two-phase commit)", () => {
  it("runs correct 2PC clean and repeats its digest for a seed", () => {
    const options = { runs: 200, steps: 30, seed: 5 };
    const first = exploreRandomRuns(single({ participants: 3, crashes: 0 }), options);
    const again = exploreRandomRuns(single({ participants: 3, crashes: 0 }), options);
    assert.equal(first.failure, null);
    assert.equal(first.executed, 200);
    assert.ok(first.actions > 200);
    assert.equal(first.digest, again.digest);
    const other = exploreRandomRuns(single({ participants: 3, crashes: 0 }), { ...options, seed: 6 });
    assert.notEqual(other.digest, first.digest);
    // Both decisions are witnessed by some run's last state, in the order first found.
    assert.deepEqual([...first.reached].sort(), ["a participant aborted", "a participant committed"]);
  });

  it("finds the planted bug and fast-check shrinks it to the shortest run: start, one yes, its count", () => {
    const result = exploreRandomRuns(single({ participants: 3, crashes: 0, commitOnFirstYes: true }),
      { runs: 200, steps: 30, seed: 1 });
    const failure = result.failure;
    assert.ok(failure !== null);
    assert.equal(failure.run.verdict?.invariant, "validity");
    assert.deepEqual(failure.run.actions.map((a) => a.kind), ["start", "vote", "count"]);
    // The path of indices replays the same states through the model alone.
    const states = replayPath(failure.setup.model, failure.run.path);
    assert.equal(states.length, 4);
    assert.equal(failure.setup.model.invariants[1]?.check(states[3] as TwoPhaseState) !== null, true);
    const rerun = exploreRandomRuns(single({ participants: 3, crashes: 0, commitOnFirstYes: true }),
      { runs: 200, steps: 30, seed: 1, path: failure.path });
    assert.deepEqual(rerun.failure?.choices, failure.choices);
  });

  it("bounds shrinking by a count: a real failure kept, run no more than the bound, the same on every machine", () => {
    const family = single({ participants: 3, crashes: 0, commitOnFirstYes: true });
    const full = exploreRandomRuns(family, { runs: 200, steps: 30, seed: 1 });
    const none = exploreRandomRuns(family, { runs: 200, steps: 30, seed: 1, shrinkRunsMax: 0 });
    const some = exploreRandomRuns(family, { runs: 200, steps: 30, seed: 1, shrinkRunsMax: 3 });
    assert.ok(full.failure !== null && none.failure !== null && some.failure !== null);
    // With no shrinking runs, the first failing run is the counterexample, and nothing runs after it.
    assert.equal(none.executed, none.runs);
    assert.equal(some.executed, some.runs + 3);
    assert.ok(full.executed > some.executed, "the unbounded shrink runs more than 3 candidates");
    for (const r of [none, some]) {
      assert.equal(r.failure?.run.verdict?.invariant, "validity");
      // The path replays the kept counterexample: a failure, not a candidate that was waved through.
      const rerun = exploreRandomRuns(family, { runs: 200, steps: 30, seed: 1, path: r.failure?.path ?? "" });
      assert.deepEqual(rerun.failure?.choices, r.failure?.choices);
    }
    assert.ok((none.failure.choices.length) >= full.failure.choices.length);
    assert.deepEqual(exploreRandomRuns(family, { runs: 200, steps: 30, seed: 1, shrinkRunsMax: 3 }).failure?.choices,
      some.failure.choices);
  });

  it("swarm: each run draws its model, and a failing run shrinks its variant too", () => {
    const family: RandomFamily<TwoPhaseState, TwoPhaseAction, number> = {
      variants: fc.integer({ min: 2, max: 5 }),
      setup: (participants) => ({ model: twoPhaseCommit({ participants: participants ?? 2, crashes: 1 }) }),
    };
    const result = exploreRandomRuns(family, { runs: 300, steps: 40, seed: 3 });
    const failure = result.failure;
    assert.ok(failure !== null);
    assert.equal(failure.run.verdict?.invariant, "nobody blocked");
    assert.equal(failure.variant, 2);
  });
});
