/** The durable store keeps what was written across close and reopen, and batches are all-or-nothing. */
import assert from "node:assert/strict";
import { openDurableStore } from "../../../impl/net/durable-store.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";

describe("durable store", () => {
  const freshDir = temporaryDirs("store");

  it("reads back values after close and reopen", async () => {
    const dir = freshDir();
    const state = { view: 2, log: [{ seq: 1, digest: "d" }], prepared: null };
    const first = openDurableStore(dir);
    assert.equal(first.get("state"), undefined);
    first.putSync("state", state);
    first.putSync("counter", 7);
    first.putSync("counter", 8); // overwrite
    assert.deepEqual(first.get("state"), state); // visible at once, before close
    await first.close();

    const second = openDurableStore(dir);
    assert.deepEqual(second.get("state"), state);
    assert.equal(second.get("counter"), 8);
    await second.close();
  });

  it("writes a batch in one transaction", async () => {
    const dir = freshDir();
    const store = openDurableStore(dir);
    store.putMany([["a", 1], ["b", { nested: [true, "x"] }]]);
    assert.equal(store.get("a"), 1);
    assert.deepEqual(store.get("b"), { nested: [true, "x"] });
    await store.close();
  });

  it("writes nothing of a batch with a value JSON cannot hold", async () => {
    const dir = freshDir();
    const store = openDurableStore(dir);
    assert.throws(() => store.putMany([["a", 1], ["b", undefined]]), TypeError);
    assert.throws(() => store.putMany([["a", 1], ["b", 10n]]), TypeError);
    assert.throws(() => store.putSync("c", () => 0), TypeError);
    assert.equal(store.get("a"), undefined);
    assert.equal(store.get("c"), undefined);
    await store.close();
  });
});
