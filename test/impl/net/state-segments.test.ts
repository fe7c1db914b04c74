/**
 * Long arrays in the chunked durable value: a replica's outcome table and the
 * snapshots that share it. Read back equals what was written, after any sequence
 * of writes and a restart; no stored segment is left unreferenced; and the bytes a
 * write costs do not grow with the table (the snapshots reuse the live table's segments).
 */
import assert from "node:assert/strict";
import type { DurableStore } from "../../../impl/net/durable-store.js";
import { removal } from "../../../impl/net/durable-store.js";
import { ChunkedValue, keyedArrayMax } from "../../../impl/net/state-chunks.js";

/** An in-memory store with the same contract, counting the JSON bytes each write puts. */
function memoryStore(): { store: DurableStore; data: Map<string, string>; written: number[] } {
  const data = new Map<string, string>();
  const written: number[] = [];
  const putMany: DurableStore["putMany"] = (entries) => {
    let bytes = 0;
    for (const [key, value] of entries) {
      if (value === removal) { data.delete(key); continue; }
      const text = JSON.stringify(value);
      bytes += text.length;
      data.set(key, text);
    }
    written.push(bytes);
  };
  const store: DurableStore = {
    get: (key) => { const text = data.get(key); return text === undefined ? undefined : JSON.parse(text); },
    putSync: (key, value) => void data.set(key, JSON.stringify(value)),
    putMany,
    commit: async (entries) => putMany(entries),
    entries: () => data.size,
    close: async () => undefined,
  };
  return { store, data, written };
}

interface Outcome { readonly txn: string; readonly seq: number }
interface State {
  readonly replica: { readonly outcomes: readonly Outcome[] };
  readonly snapshots: readonly { seq: number; replica: unknown }[];
}

/** A participant's shape: one outcome per seq (now and then inserted mid-table), a snapshot every 4, three kept. */
function step(state: State, seq: number): State {
  const outcome = { txn: seq % 97 === 0 ? `a${seq}` : `t${String(seq).padStart(6, "0")}`, seq };
  const outcomes = [...state.replica.outcomes, outcome].sort((a, b) => (a.txn < b.txn ? -1 : 1));
  const replica = { outcomes };
  const snapshots = seq % 4 === 0 ? [...state.snapshots, { seq, replica }].slice(-3) : state.snapshots;
  return { replica, snapshots };
}

function referencedSegmentsOk(data: Map<string, string>): boolean {
  const segmentKeys = [...data.keys()].filter((k) => k.includes("$segment#"));
  const layouts = [...data.entries()].filter(([k]) => k.endsWith("#layout")).map(([, v]) => v).join(" ");
  return segmentKeys.every((k) => new RegExp(`"ids":\\[[0-9,]*\\b${k.split("#").pop()}\\b`).test(layouts));
}

describe("state segments", () => {
  it("reads back every state, shares segments, and leaves none unreferenced", () => {
    const { store, data, written } = memoryStore();
    let chunks = new ChunkedValue(store, "state");
    let state: State = { replica: { outcomes: [] }, snapshots: [] };
    const steps = keyedArrayMax + 900;
    for (let seq = 1; seq <= steps; seq++) {
      state = step(state, seq);
      chunks.write(state);
      if (seq % 500 === 0) {
        // A restart: a new reader over the same store, then go on from what it read.
        chunks = new ChunkedValue(store, "state");
        const read = chunks.read() as State;
        assert.deepEqual(read, state);
        state = read;
      }
    }
    assert.deepEqual(new ChunkedValue(store, "state").read(), state);
    assert.ok(referencedSegmentsOk(data), "an unreferenced segment stayed behind");
    // Once segments form, a write costs about the same at 1,100 outcomes as at 1,900.
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(written.slice(keyedArrayMax + 100, keyedArrayMax + 300));
    const late = mean(written.slice(-200));
    assert.ok(late < early * 1.5, `bytes per write ${early.toFixed(0)} -> ${late.toFixed(0)}`);
  });

  it("writes no more per step for a table pruned at the head every checkpoint when the table is larger", () => {
    // replica.ts `pruneExpired`: the oldest records go at every checkpoint, so the head moves; the bytes a write
    // costs must not grow with the records kept (they did when segments were aligned at index 0).
    const bytesPerWrite = (kept: number): { mean: number; data: Map<string, string>; state: State } => {
      const { store, data, written } = memoryStore();
      const chunks = new ChunkedValue(store, "state");
      let state: State = { replica: { outcomes: [] }, snapshots: [] };
      for (let seq = 1; seq <= kept / 8 + 600; seq++) {
        const fresh = Array.from({ length: 8 }, (_, i) => ({ txn: `t${String(seq * 8 + i).padStart(7, "0")}`, seq }));
        let outcomes = [...state.replica.outcomes, ...fresh];
        if (seq % 4 === 0) outcomes = outcomes.slice(Math.max(0, outcomes.length - kept));
        const replica = { outcomes };
        const snapshots = seq % 4 === 0 ? [...state.snapshots, { seq, replica }].slice(-3) : state.snapshots;
        state = { replica, snapshots };
        chunks.write(state);
      }
      const last = written.slice(-400);
      return { mean: last.reduce((a, b) => a + b, 0) / last.length, data, state };
    };
    const small = bytesPerWrite(1_500);
    const large = bytesPerWrite(6_000);
    assert.ok(large.mean < small.mean * 1.3, `bytes per write ${small.mean.toFixed(0)} -> ${large.mean.toFixed(0)}`);
    const store = { ...memoryStore().store, get: (key: string) => {
      const text = large.data.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    } };
    assert.deepEqual(new ChunkedValue(store, "state").read(), large.state);
    assert.ok(referencedSegmentsOk(large.data), "an unreferenced segment stayed behind");
    // Nor index chunks past the end the table had shrunk to: the store holds what the state holds.
    const length = large.state.replica.outcomes.length;
    const stale = [...large.data.keys()].filter((key) => {
      const index = /^state\.replica\.outcomes\/(\d+)$/.exec(key)?.[1];
      return index !== undefined && Number(index) >= length;
    });
    assert.deepEqual(stale, []);
  });
});
