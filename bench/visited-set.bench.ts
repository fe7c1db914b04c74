/**
 * What the explorer's hot loop costs per state: inserting 64-bit fingerprints
 * into VisitedSet against the obvious JS alternatives (a Set of "hi:lo"
 * strings, a Set of bigints, keys built from the lanes inside the timing as
 * the explorer would have to), and hashing a ~200-byte state-like input.
 * It also reports bytes per stored fingerprint; for the JS sets that is the
 * heap growth after a forced GC, so treat it as approximate.
 */
import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { Bench } from "tinybench";
import { Hasher64 } from "../checker/engine/hash64.js";
import { StateStore } from "../checker/engine/state-store.js";
import { VisitedSet } from "../checker/engine/visited-set.js";

const seed = 42;
const count = 1_000_000;
const hashBatch = 1_000;

function randomFingerprints(): Uint32Array {
  const rng = xoroshiro128plus(seed);
  const words = new Uint32Array(count * 2);
  for (let i = 0; i < words.length; i++) words[i] = rng.next() >>> 0;
  return words;
}

/** A state-like input: 40 small counters (160 bytes) and two 10-character ids (40 bytes). */
const stateInts = Array.from({ length: 40 }, (_, i) => (i * 7) % 13);
const stateIds = ["txn-000042", "node-P3-v7"] as const;
const stateJson = JSON.stringify({ ints: stateInts, ids: stateIds }).padEnd(200, " ");

// Every builder has its own loop, so each insert call site stays monomorphic
// and V8 inlines it; a shared loop taking a callback would measure the call.
function buildVisitedSet(words: Uint32Array, capacityInitial = 16): VisitedSet {
  const set = new VisitedSet({ capacityInitial });
  for (let i = 0; i < words.length; i += 2) set.add(words[i] ?? 0, words[i + 1] ?? 0);
  return set;
}

function buildStateStore(words: Uint32Array): StateStore {
  const store = new StateStore();
  // Parent of state k is k/2 - 1 (a root for k < 2), an already logged state.
  for (let i = 0; i < words.length; i += 2) store.add(words[i] ?? 0, words[i + 1] ?? 0, (i >> 2) - 1, i & 7);
  return store;
}

function buildStringSet(words: Uint32Array): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i < words.length; i += 2) set.add(`${words[i] ?? 0}:${words[i + 1] ?? 0}`);
  return set;
}

function buildBigintSet(words: Uint32Array): Set<bigint> {
  const set = new Set<bigint>();
  for (let i = 0; i < words.length; i += 2) set.add((BigInt(words[i] ?? 0) << 32n) | BigInt(words[i + 1] ?? 0));
  return set;
}

/** Heap growth per element while `build` keeps its result alive, measured across forced GCs. */
function heapBytesPer<T>(build: () => T): number {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  const collect = (): void => (typeof gc === "function" ? void gc() : undefined);
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  collect();
  const after = process.memoryUsage().heapUsed;
  return kept === undefined ? 0 : (after - before) / count;
}

function medianMs(bench: Bench, name: string): number {
  const result = bench.getTask(name)?.result;
  return result !== undefined && "latency" in result ? result.latency.p50 : Number.NaN;
}

async function insertTable(words: Uint32Array): Promise<void> {
  const bench = new Bench({ iterations: 8, time: 0, warmupIterations: 2, warmupTime: 0 });
  bench
    .add("VisitedSet.add", () => void buildVisitedSet(words))
    .add("VisitedSet.add (presized)", () => void buildVisitedSet(words, 1 << 21))
    .add("StateStore.add (set + parent log)", () => void buildStateStore(words))
    .add("Set<string> of hi:lo", () => void buildStringSet(words))
    .add("Set<bigint>", () => void buildBigintSet(words));
  await bench.run();
  const base = medianMs(bench, "VisitedSet.add");
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      "ns/insert (median)": ((medianMs(bench, task.name) * 1e6) / count).toFixed(1),
      "M inserts/s": (count / (medianMs(bench, task.name) * 1e3)).toFixed(2),
      "x VisitedSet": (medianMs(bench, task.name) / base).toFixed(2),
    })),
  );
}

async function hashTable(): Promise<void> {
  const hasher = new Hasher64();
  const bench = new Bench({ time: 500, warmupTime: 100 });
  bench
    .add("Hasher64 int x40 + str x2", () => {
      for (let n = 0; n < hashBatch; n++) {
        hasher.reset();
        for (const x of stateInts) hasher.int(x);
        hasher.str(stateIds[0]).str(stateIds[1]).finish();
      }
    })
    .add("Hasher64 str (200-char JSON)", () => {
      for (let n = 0; n < hashBatch; n++) hasher.reset().str(stateJson).finish();
    })
    .add("node:crypto sha1 (200-char JSON)", () => {
      for (let n = 0; n < hashBatch; n++) createHash("sha1").update(stateJson).digest();
    });
  await bench.run();
  const base = medianMs(bench, "Hasher64 int x40 + str x2");
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      "ns/hash (median)": ((medianMs(bench, task.name) * 1e6) / hashBatch).toFixed(1),
      "MB/s": (200 / ((medianMs(bench, task.name) * 1e6) / hashBatch) * 1e3).toFixed(0),
      "x Hasher64": (medianMs(bench, task.name) / base).toFixed(2),
    })),
  );
}

function memoryTable(words: Uint32Array): void {
  const set = buildVisitedSet(words);
  const store = buildStateStore(words);
  const row = (structure: string, bytes: number, load = ""): Record<string, string> =>
    ({ structure, "bytes/fingerprint": bytes.toFixed(1), load });
  console.table([
    row("VisitedSet", set.bytes / set.size, (set.size / set.capacity).toFixed(2)),
    row("StateStore (set + parent log)", store.bytes / store.size),
    row("Set<string> (heap delta)", heapBytesPer(() => buildStringSet(words))),
    row("Set<bigint> (heap delta)", heapBytesPer(() => buildBigintSet(words))),
  ]);
}

export async function run(): Promise<void> {
  const words = randomFingerprints();
  console.log(`${count} random fingerprints (xoroshiro128plus seed ${seed}), node ${process.version}`);
  await insertTable(words);
  await hashTable();
  memoryTable(words);
}
