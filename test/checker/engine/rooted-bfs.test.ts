/** The engine's BFS from given roots (rooted-bfs.ts) on the toy two-phase commit: same states, paths that replay. */
import assert from "node:assert/strict";
import { exploreModelBfs } from "../../../checker/engine/explore-bfs.js";
import { RootedBfs } from "../../../checker/engine/rooted-bfs.js";
import type { SearchModel } from "../../../checker/engine/search-model.js";
import { twoPhaseCommit, type TwoPhaseAction, type TwoPhaseState } from "./two-phase-commit.js";

type Model = SearchModel<TwoPhaseState, TwoPhaseAction>;

/** The state after the coordinator's start: every participant has a PREPARE in flight. */
function started(model: Model): TwoPhaseState {
  const init = model.initial();
  const start = model.actions(init).find((a) => a.kind === "start");
  assert.ok(start !== undefined);
  return model.successor(init, start);
}

const unbounded = { depthMax: Number.POSITIVE_INFINITY, statesMax: 1e9, bytesMax: 2 ** 30 };

describe("engine rooted BFS (two-phase commit)", () => {
  it("from the initial state reaches exactly the states the engine's BFS reaches", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 0 });
    const reference = exploreModelBfs(model, unbounded);
    const rooted = new RootedBfs(model);
    const r = rooted.explore(model.initial(), { depthMax: 100 });
    assert.equal(r.stopReason, "exhausted");
    assert.equal(r.violation, null);
    assert.equal(r.states, reference.distinctStates);
    assert.equal(r.transitions, reference.transitions);
  });

  it("from a later root explores what the BFS of a model starting there explores, depth by depth", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 1 });
    const root = started(model);
    const fromThere: Model = { ...model, initial: () => root, quiescent: [] };
    for (const depthMax of [1, 2, 3, 5]) {
      const reference = exploreModelBfs(fromThere, { ...unbounded, depthMax });
      const r = new RootedBfs(fromThere).explore(root, { depthMax });
      assert.equal(r.states, reference.distinctStates, `depth ${depthMax}`);
      assert.equal(r.depthExplored, reference.depthExplored, `depth ${depthMax}`);
    }
  });

  it("finds the planted bug from a root and rebuilds a path from that root that replays to it", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 0, commitOnFirstYes: true });
    const root = started(model);
    const rooted = new RootedBfs(model);
    const r = rooted.explore(root, { depthMax: 4 });
    assert.equal(r.stopReason, "violation");
    const violation = r.violation;
    assert.ok(violation !== null);
    assert.equal(violation.verdict.invariant, "validity");
    assert.equal(rooted.rootOf(violation.index), r.root);
    let state = root;
    for (const action of rooted.actionsTo(root, violation)) state = model.successor(state, action);
    assert.ok(model.invariants.some((p) => p.check(state) !== null));
    // BFS finds a shortest path: after start, one yes vote and its count commit while two have not voted yes.
    assert.deepEqual(rooted.actionsTo(root, violation).map((a) => a.kind), ["vote", "count"]);
  });

  it("shares its visited set across calls: a second root inside the first's neighbourhood adds no new state", () => {
    const model = twoPhaseCommit({ participants: 2, crashes: 0 });
    const rooted = new RootedBfs(model);
    const first = rooted.explore(model.initial(), { depthMax: 3 });
    const root = started(model);
    const second = rooted.explore(root, { depthMax: 2 });
    assert.ok(first.states > 1);
    // Only the known root's own entry is new: every state within 2 of it was within 3 of the initial one.
    assert.equal(second.states, 1);
    assert.ok(second.transitions > 0);
    assert.equal(second.violation, null);
  });

  it("stops at its states bound and at the caller's stop", () => {
    const model = twoPhaseCommit({ participants: 3, crashes: 1 });
    const capped = new RootedBfs(model).explore(model.initial(), { depthMax: 100, statesMax: 10 });
    assert.equal(capped.stopReason, "states");
    assert.equal(capped.states, 10);
    const stopped = new RootedBfs(model).explore(model.initial(), { depthMax: 100, stop: () => true, pollEvery: 1 });
    assert.equal(stopped.stopReason, "time");
  });
});
