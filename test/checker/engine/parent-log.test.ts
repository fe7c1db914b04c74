import assert from "node:assert/strict";
import fc from "fast-check";
import { EngineAssertionFailure as AssertionFailure } from "../../../checker/engine/assert.js";
import { ParentLog, rootAction, rootParent } from "../../../checker/engine/parent-log.js";

describe("ParentLog", () => {
  it("reads back each state's parent and action by its append index", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 0x7fffffff }))), (entries) => {
        const log = new ParentLog();
        const parents = entries.map(([pick], i) => (i === 0 ? rootParent : (pick % (i + 1)) - 1));
        entries.forEach(([, action], i) => assert.equal(log.append(parents[i]!, action), i));
        assert.equal(log.size, entries.length);
        entries.forEach(([, action], i) => {
          assert.equal(log.parentOf(i), parents[i]);
          assert.equal(log.actionOf(i), action);
        });
      }),
    );
  });

  it("keeps entries across chunk boundaries and grows a chunk at a time", () => {
    const log = new ParentLog();
    assert.equal(log.bytes, 0);
    log.append(rootParent, rootAction);
    const chunkBytes = log.bytes;
    assert.equal(chunkBytes, 65536 * 8);
    for (let i = 1; i < 200_000; i++) log.append(i - 1, i % 7);
    assert.equal(log.bytes, 4 * chunkBytes);
    for (const i of [65535, 65536, 65537, 199_999]) {
      assert.equal(log.parentOf(i), i - 1);
      assert.equal(log.actionOf(i), i % 7);
    }
  });

  it("rebuilds the action path from a root, in replay order", () => {
    const log = new ParentLog();
    log.append(rootParent, rootAction); // 0
    log.append(rootParent, rootAction); // 1: a second initial state
    log.append(1, 4); // 2
    log.append(0, 9); // 3
    log.append(2, 0); // 4
    assert.deepEqual(log.pathTo(4), [4, 0]);
    assert.deepEqual(log.pathTo(3), [9]);
    assert.deepEqual(log.pathTo(1), []);
  });

  it("rejects a parent that is not logged yet, which would make a cycle", () => {
    const log = new ParentLog();
    log.append(rootParent, rootAction);
    assert.throws(() => log.append(1, 0), AssertionFailure);
    assert.throws(() => log.append(0, -2), AssertionFailure);
    assert.equal(log.size, 1);
  });

  it("rejects reads of states it does not hold", () => {
    const log = new ParentLog();
    log.append(rootParent, rootAction);
    assert.throws(() => log.parentOf(1), AssertionFailure);
    assert.throws(() => log.actionOf(-1), AssertionFailure);
  });
});
