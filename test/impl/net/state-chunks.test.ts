/** The chunked durable value: what is read back equals what was written, and unchanged parts are not rewritten. */
import assert from "node:assert/strict";
import { openDurableStore, type DurableStore } from "../../../impl/net/durable-store.js";
import { ChunkedValue } from "../../../impl/net/state-chunks.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";

/** Counts the entries each putMany writes. */
function counting(store: DurableStore): { store: DurableStore; writes: number[] } {
  const writes: number[] = [];
  const putMany: DurableStore["putMany"] = (entries) => {
    const list = [...entries];
    writes.push(list.length);
    store.putMany(list);
  };
  return { writes, store: { ...store, putMany } };
}

describe("state chunks", () => {
  const freshDir = temporaryDirs("chunks");

  it("reads back exactly the last value written, across a reopen", async () => {
    const dir = freshDir();
    const slot = (seq: number) => ({ seq, votes: [null, { signer: 1 }], phase: "idle" });
    const first = {
      role: "participant", id: 2, view: 0, slots: [slot(1), slot(2)],
      replica: { entries: [], outcomes: [{ txn: "a" }] }, proven: 0,
    };
    const second = {
      ...first, view: 1, slots: [first.slots[0], { ...slot(2), phase: "executed" }, slot(3)], proven: 8,
    };
    const third = { ...second, slots: [second.slots[0]] }; // shrink: stale chunks must not come back
    const store = openDurableStore(dir);
    const chunks = new ChunkedValue(store, "state");
    assert.equal(chunks.read(), undefined);
    for (const value of [first, second, third]) chunks.write(value);
    await store.close();
    const reopened = openDurableStore(dir);
    assert.deepEqual(new ChunkedValue(reopened, "state").read(), third);
    await reopened.close();
  });

  it("rewrites only the elements whose identity changed, plus the layout", async () => {
    const dir = freshDir();
    const { store, writes } = counting(openDurableStore(dir));
    const chunks = new ChunkedValue(store, "state");
    const slots = Array.from({ length: 100 }, (_, seq) => ({ seq, body: "x".repeat(100) }));
    const replica = { entries: [{ key: "k" }], outcomes: [] as { txn: string }[] };
    chunks.write({ slots, replica, view: 0 });
    const slots2 = [...slots.slice(0, 99), { seq: 99, body: "changed" }];
    chunks.write({ slots: slots2, replica: { ...replica, outcomes: [{ txn: "t" }] }, view: 0 });
    // 100 slots + 1 entry + layout; then the new slot, the replaced one's removal, 1 outcome, layout.
    assert.deepEqual(writes, [102, 4]);
    await store.close();
  });

  it("keeps a window-bounded array by element identity: moving the window rewrites nothing old", async () => {
    const dir = freshDir();
    const { store, writes } = counting(openDurableStore(dir));
    const chunks = new ChunkedValue(store, "state");
    const snapshot = (seq: number) =>
      ({ seq, replica: { entries: [{ key: "k", value: "x".repeat(1_000), version: seq }] } });
    const snapshots = [snapshot(4), snapshot(8), snapshot(12)];
    chunks.write({ snapshots });
    chunks.write({ snapshots: [...snapshots.slice(1), snapshot(16)] }); // the head goes, one comes
    assert.deepEqual(writes, [4, 3]); // 3 snapshots + layout; then 1 new + 1 removal + layout
    await store.close();
    const reopened = openDurableStore(dir);
    const restored = new ChunkedValue(reopened, "state");
    assert.deepEqual(restored.read(), { snapshots: [snapshot(8), snapshot(12), snapshot(16)] });
    const raw = reopened as unknown as { get(key: string): unknown };
    assert.equal(raw.get("state.snapshots#0"), undefined, "the dropped snapshot is removed");
    // After a restart, new elements get fresh ids: nothing read back is overwritten.
    const read = restored.read() as { snapshots: object[] };
    restored.write({ snapshots: [...read.snapshots, snapshot(20)] });
    assert.deepEqual(restored.read(), { snapshots: [snapshot(8), snapshot(12), snapshot(16), snapshot(20)] });
    await reopened.close();
  });
});
