import assert from "node:assert/strict";
import { mergedExitCode, mergeResults } from "../../../checker/search/merge-results.js";
import type { RunSummary } from "../../../spec/run-summary.js";

const decides = "an honest participant decides";
const viewChange = "a view change completes";

function shard(label: string | null, change: Partial<RunSummary> = {}): RunSummary {
  return {
    mode: "bfs", config: { n: 4, f: 1 }, depthMax: 12, shard: label, verdict: "clean", violations: [], trace: null,
    elapsedMs: 1000,
    sometimes: { [decides]: true, [viewChange]: false }, distinctStates: 10, transitions: 100, ...change,
  };
}

describe("merge-results", () => {
  it("is clean only when every shard 1..N is present once and clean", () => {
    const r = mergeResults([shard("1/3"), shard("2/3"), shard("3/3", { elapsedMs: 3000 })]);
    assert.equal(r.verdict, "clean");
    assert.equal(mergedExitCode(r), 0);
    assert.deepEqual([r.distinctStatesSum, r.transitionsSum, r.elapsedMsMax, r.elapsedMsSum], [30, 300, 3000, 5000]);
  });

  it("is a violation if any shard found one, keeping that shard's trace", () => {
    const violations = [{ invariant: "agreement", message: "P0 and P1 differ" }];
    const bad = shard("2/3", { verdict: "violation", trace: "traces/x.json", violations });
    const r = mergeResults([shard("1/3"), bad, shard("3/3", { verdict: "incomplete" })]);
    assert.equal(r.verdict, "violation");
    assert.equal(mergedExitCode(r), 1);
    assert.deepEqual(r.violations, [{ ...violations[0], trace: "traces/x.json", shard: "2/3" }]);
  });

  it("is incomplete when a shard is incomplete, missing or given twice", () => {
    assert.equal(mergeResults([shard("1/2"), shard("2/2", { verdict: "incomplete" })]).verdict, "incomplete");
    const missing = mergeResults([shard("1/3"), shard("3/3")]);
    assert.equal(missing.verdict, "incomplete");
    assert.equal(mergedExitCode(missing), 3);
    assert.deepEqual(missing.problems, ["missing shard 2/3"]);
    const twice = mergeResults([shard("1/2"), shard("1/2")]);
    assert.deepEqual(twice.problems, ["missing shard 2/2", "shard given more than once: 1/2"]);
  });

  it("refuses to fold summaries of different searches or shard counts into one verdict", () => {
    assert.equal(mergeResults([shard("1/2"), shard("2/2", { depthMax: 14 })]).verdict, "incomplete");
    assert.equal(mergeResults([shard("1/2"), shard("2/2", { config: { n: 7, f: 2 } })]).verdict, "incomplete");
    assert.match(mergeResults([shard("1/2"), shard("2/3")]).problems[0] ?? "", /shard labels disagree/);
    assert.equal(mergeResults([]).verdict, "incomplete");
  });

  it("is vacuous when a witness the shards were run to --expect was reached by none of them", () => {
    const expected = [viewChange];
    const unreached = mergeResults([shard("1/2", { expected }), shard("2/2", { expected })]);
    assert.equal(unreached.verdict, "vacuous");
    assert.equal(mergedExitCode(unreached), 1);
    const reachedByOne = shard("2/2", { expected, sometimes: { [decides]: false, [viewChange]: true } });
    assert.equal(mergeResults([shard("1/2", { expected }), reachedByOne]).verdict, "clean");
  });

  it("takes the union of sometimes properties: one shard's witness is enough", () => {
    const r = mergeResults([
      shard("1/2", { verdict: "vacuous", sometimes: { [decides]: false, [viewChange]: true } }),
      shard("2/2", { sometimes: { [decides]: true, [viewChange]: false } }),
    ]);
    assert.equal(r.verdict, "clean");
    assert.deepEqual(r.sometimes, { [decides]: true, [viewChange]: true });
  });

  it("is vacuous when no shard reached the required witness", () => {
    const none = { [decides]: false, [viewChange]: false };
    const vacuous = { verdict: "vacuous", sometimes: none } as const;
    const r = mergeResults([shard("1/2", vacuous), shard("2/2", vacuous)]);
    assert.equal(r.verdict, "vacuous");
    assert.equal(mergedExitCode(r), 1);
  });

  it("passes one unsharded summary through", () => {
    assert.equal(mergeResults([shard(null)]).verdict, "clean");
    assert.equal(mergeResults([shard(null), shard(null)]).verdict, "incomplete");
  });
});
