import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs, type BfsResult } from "../../../checker/model/world-bfs.js";
import { mergeResults } from "../../../checker/search/merge-results.js";
import { parseShard, shardOf, shardSeed, type Shard } from "../../../checker/engine/shard.js";
import { BfsFingerprints } from "../../../checker/model/successor-fingerprint.js";
import { sometimesProperties } from "../../../spec/invariants/index.js";
import type { RunSummary } from "../../../spec/run-summary.js";
import type { CheckContext } from "../../../checker/model/context.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

function configured(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  return makeContext(made.config);
}

/** A planted bug: quorums of 1 with a Byzantine coordinator, without network faults to keep it small. */
function planted(): CheckContext {
  const ctx = configured({ coordinator: "byzantine", budgets: noFaults });
  return makeContext({ ...ctx.config, protocol: { ...ctx.config.protocol, quorum: 1 } });
}

/** Every state a search reached (the root included), by its BFS fingerprint, and the result. */
function search(
  input: CheckConfigInput | CheckContext, depth: number, shard: Shard | null, splitDepth: number | null = null,
) {
  const ctx = "env" in input ? input : configured(input);
  const fingerprints = new BfsFingerprints(ctx);
  const fp = { hi: 0, lo: 0 };
  const states = new Set<string>();
  const note = (w: Parameters<BfsFingerprints["full"]>[0]) => {
    fingerprints.full(w, fp);
    states.add(`${fp.hi}:${fp.lo}`);
  };
  const result = exploreBfs(ctx, {
    depthMax: depth, statesMax: 1_000_000, bytesMax: 2 ** 28, reduceLatentByzantine: ctx.config.byzantine.length === 1,
    shard, splitDepth, onState: note,
  });
  return { states, result };
}

const summaryOf = (r: BfsResult, shard: string | null): RunSummary => ({
  mode: "bfs", config: {}, depthMax: null, shard, elapsedMs: 1, trace: null, distinctStates: r.distinctStates,
  verdict: r.violation !== null ? "violation"
    : r.reached.includes("an honest participant decides") ? "clean" : "vacuous",
  violations: r.violation === null ? [] : [{ invariant: r.violation.invariant, message: r.violation.message }],
  sometimes: Object.fromEntries(sometimesProperties.map((p) => [p.name, r.reached.includes(p.name)])),
});

describe("--shard i/N for BFS", () => {
  for (const [count, splitDepth] of [[3, null], [2, 2]] as const) {
    const split = splitDepth ?? "auto";
    it(`the union of ${count} shards' states (split ${split}) is the unsharded search's, as is the verdict`, () => {
      // Depth 4: the default world grows ~4-5x a level under the schema-derived alphabet (depth 6 is 1.1 M states).
      const whole = search({ budgets: noFaults }, 4, null);
      const union = new Set<string>();
      const summaries: RunSummary[] = [];
      for (let index = 0; index < count; index++) {
        const part = search({ budgets: noFaults }, 4, { index, count }, splitDepth);
        assert.equal(part.result.splitDepth, splitDepth ?? 3);
        assert.ok(part.states.size < whole.states.size, "a shard searches only a part");
        for (const s of part.states) union.add(s);
        summaries.push(summaryOf(part.result, `${index + 1}/${count}`));
      }
      assert.equal(union.size, whole.states.size);
      for (const s of whole.states) assert.ok(union.has(s));
      const merged = mergeResults(summaries);
      const unsharded = summaryOf(whole.result, null);
      assert.equal(merged.verdict, unsharded.verdict);
      assert.deepEqual(merged.sometimes, unsharded.sometimes);
    });
  }

  // Quorums of 1 (see explore-parallel.test.ts): a Byzantine coordinator's two pre-prepares each execute alone.
  it("a planted bug is found by some shard, and the merged verdict is a violation", function () {
    this.timeout(180_000); // a few seconds alone; the suite may share the machine
    const parts = [0, 1].map((index) => search(planted(), 6, { index, count: 2 }, 2));
    const found = parts.map((p) => p.result.violation?.invariant ?? "none");
    assert.ok(found.some((f) => f !== "none"), found.join(", "));
    const merged = mergeResults(parts.map((p, i) => summaryOf(p.result, `${i + 1}/2`)));
    assert.equal(merged.verdict, "violation");
  });

  it("spreads consecutive state indices over all shards about evenly", () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 80_000; i++) counts[shardOf(i, 8)]! += 1;
    for (const c of counts) assert.ok(c > 9_000 && c < 11_000, `${counts}`);
  });
});

describe("--shard i/N parsing and swarm seeds", () => {
  it("parses 1-based i/N and rejects anything else with one line", () => {
    assert.deepEqual(parseShard("3/8"), { ok: true, value: { index: 2, count: 8 } });
    for (const bad of ["0/8", "9/8", "3", "a/b", "1/0", "-1/2"]) {
      const r = parseShard(bad);
      assert.ok(!r.ok && !r.error.includes("\n"), bad);
    }
  });

  it("gives each shard of one base seed its own seed", () => {
    for (const base of [0, 1, 7, 2 ** 31 - 1]) {
      const seeds = Array.from({ length: 16 }, (_, index) => shardSeed(base, { index, count: 16 }));
      assert.equal(new Set(seeds).size, 16);
      for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
    }
  });
});
