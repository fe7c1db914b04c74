import assert from "node:assert/strict";
import { EngineAssertionFailure as AssertionFailure } from "../../../checker/engine/assert.js";
import { StateStore } from "../../../checker/engine/state-store.js";
import { VisitedSetFull } from "../../../checker/engine/visited-set.js";

describe("StateStore", () => {
  it("gives a new state the same index in the set and the parent log", () => {
    const store = new StateStore();
    assert.equal(store.addRoot(1, 1), 0);
    assert.equal(store.add(2, 2, 0, 3), 1);
    assert.equal(store.add(3, 3, 1, 5), 2);
    assert.equal(store.parentOf(2), 1);
    assert.equal(store.actionOf(2), 5);
    assert.deepEqual(store.pathTo(2), [3, 5]);
  });

  it("keeps the first path to a state and ignores later ones", () => {
    const store = new StateStore();
    store.addRoot(1, 1);
    store.add(2, 2, 0, 0);
    assert.equal(store.add(2, 2, 0, 1), -1);
    assert.equal(store.size, 2);
    assert.deepEqual(store.pathTo(1), [0]);
  });

  it("stays in step when the memory bound is reached", () => {
    const store = new StateStore({ bytesMax: 16 * 8 });
    store.addRoot(100, 100);
    // 16 slots at a load of at most 0.75 hold 12 states.
    for (let i = 1; i < 12; i++) store.add(i, i, i - 1, 0);
    assert.throws(() => store.add(50, 50, 0, 0), VisitedSetFull);
    assert.equal(store.size, 12);
    assert.equal(store.add(5, 5, 0, 0), -1, "a known state still answers");
    assert.equal(store.pathTo(11).length, 11);
    assert.throws(() => store.parentOf(12), AssertionFailure);
  });
});
