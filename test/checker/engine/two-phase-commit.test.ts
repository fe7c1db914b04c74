/**
 * The engine checks a protocol it knows nothing about: two-phase commit
 * (two-phase-commit.ts), with BFS and random walks, through SearchModel alone.
 */
import assert from "node:assert/strict";
import { exploreModelBfs, type BfsOptions } from "../../../checker/engine/explore-bfs.js";
import { randomWalks } from "../../../checker/engine/random-walk.js";
import { replayPath, type SearchModel, type StatePredicate } from "../../../checker/engine/search-model.js";
import {
  encodeState, twoPhaseCommit, twoPhaseTraceModel, type TwoPhaseAction, type TwoPhaseOptions, type TwoPhaseState,
} from "./two-phase-commit.js";

const bounds: BfsOptions = { depthMax: 64, statesMax: 1_000_000, bytesMax: 64 << 20 };

/** The same model, also recording every state it is asked to judge (each distinct state once, in BFS). */
function recording(model: SearchModel<TwoPhaseState, TwoPhaseAction>, seen: TwoPhaseState[]):
  SearchModel<TwoPhaseState, TwoPhaseAction> {
  const record: StatePredicate<TwoPhaseState> = { name: "record", check: (s) => { seen.push(s); return null; } };
  return { ...model, invariants: [record, ...model.invariants] };
}

describe("the engine on a second protocol: two-phase commit", () => {
  it("exhausts 2PC without crashes: agreement and validity hold and nobody is left waiting", () => {
    const result = exploreModelBfs(twoPhaseCommit({ participants: 3, crashes: 0 }), bounds);
    assert.equal(result.stopReason, "exhausted");
    assert.equal(result.violation, null);
    assert.ok(result.distinctStates > 1 && result.transitions >= result.distinctStates - 1);
  });

  it("reports the sometimes properties BFS witnessed: both decisions without crashes, none when nobody votes", () => {
    const result = exploreModelBfs(twoPhaseTraceModel({ participants: 2, crashes: 0 }), bounds);
    assert.deepEqual([...result.reached].sort(), ["a participant aborted", "a participant committed"]);
    const shallow = exploreModelBfs(twoPhaseTraceModel({ participants: 2, crashes: 0 }), { ...bounds, depthMax: 1 });
    assert.deepEqual(shallow.reached, []);
  });

  it("finds the blocking run: the coordinator crashes and a participant that voted yes waits for ever", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 1 });
    const result = exploreModelBfs(model, bounds);
    assert.equal(result.stopReason, "violation");
    const violation = result.violation;
    assert.ok(violation !== null);
    assert.equal(violation.invariant, "nobody blocked");
    // Shortest: start, three votes (each participant must have consumed its PREPARE to leave nothing
    // enabled), and the crash before any vote is counted.
    assert.equal(violation.path.length, 5);
    const states = replayPath(model, violation.path);
    const last = states[states.length - 1] as TwoPhaseState;
    assert.equal(last.crashed, true);
    assert.ok(last.participants.some((p) => p.phase === "prepared"));
    assert.deepEqual(model.actions(last), []);
  });

  it("finds the planted bug (commit on the first yes) by BFS and by random walks, and both paths replay", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 0, commitOnFirstYes: true });
    const bfs = exploreModelBfs(model, bounds);
    assert.ok(bfs.violation !== null);
    assert.match(bfs.violation.invariant, /^(agreement|validity)$/);
    const walk = randomWalks(model, { seed: 7, walks: 1000, stepsMax: 50 });
    assert.ok(walk.violation !== null, "1000 random walks missed the planted bug");
    assert.ok(walk.violation.path.length >= bfs.violation.path.length, "BFS finds a shortest counterexample");
    for (const path of [bfs.violation.path, walk.violation.path]) {
      const end = replayPath(model, path)[path.length] as TwoPhaseState;
      const broken = model.invariants.map((p) => p.check(end)).filter((m) => m !== null);
      assert.ok(broken.length > 0, "the replayed path ends in a state that breaks a property");
    }
  });

  it("random walks without crashes and without the bug find nothing", () => {
    const walk = randomWalks(twoPhaseCommit({ participants: 3, crashes: 0 }), { seed: 7, walks: 300, stepsMax: 50 });
    assert.equal(walk.violation, null);
    assert.ok(walk.steps > 300);
  });

  describe("symmetry (canonical form) is sound", () => {
    const variants: readonly TwoPhaseOptions[] = [
      { participants: 3, crashes: 0 }, { participants: 3, crashes: 1 },
      { participants: 3, crashes: 0, commitOnFirstYes: true }, { participants: 4, crashes: 0 },
    ];
    for (const options of variants) {
      it(`same verdict and the same states up to order: ${JSON.stringify(options)}`, () => {
        const plainSeen: TwoPhaseState[] = [];
        const reducedSeen: TwoPhaseState[] = [];
        const plain = exploreModelBfs(recording(twoPhaseCommit(options), plainSeen), bounds);
        const symmetric = twoPhaseCommit({ ...options, symmetric: true });
        const reduced = exploreModelBfs(recording(symmetric, reducedSeen), bounds);
        assert.equal(reduced.violation?.invariant ?? null, plain.violation?.invariant ?? null);
        assert.equal(reduced.violation?.path.length ?? null, plain.violation?.path.length ?? null);
        if (plain.violation !== null) return; // both stopped at their first (shortest) counterexample
        assert.equal(plain.stopReason, "exhausted");
        assert.equal(reduced.stopReason, "exhausted");
        assert.ok(reduced.distinctStates < plain.distinctStates, "the reduction searched fewer states");
        // Every state the plain search reached is, up to the order of participants, one the reduced search reached.
        const canonical = symmetric.canonical as (s: TwoPhaseState) => TwoPhaseState;
        const classes = new Set(plainSeen.map((s) => encodeState(canonical(s))));
        assert.deepEqual([...classes].sort(), reducedSeen.map(encodeState).sort());
      });
    }
  });
});
