/**
 * Partial-order reduction by sleep sets (checker/model/sleep-sets.ts) promises more than the other reductions:
 * it prunes transitions only, so on configurations small enough to search both ways the reduced search must reach
 * exactly the same set of worlds (every world's full fingerprint: every node's state, the mail in flight, timers,
 * budgets, knowledge), within the same depth, with the same verdict, the same `sometimes` properties and the same
 * first violation and path, while trying fewer transitions. The configurations cover each kind of dependence the
 * reduction relies on: deliveries and Byzantine moves at different nodes (independent), timer firings (one shared
 * budget), crashes, losses and partitions (dependent with everything), composites built from the knowledge.
 * Planted bugs are found both ways: one breaks a state invariant, one a transition check (judged on a step).
 */
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { checkConfigFromFlags } from "../../../checker/cli/check-options.js";
import { BfsFingerprints } from "../../../checker/model/successor-fingerprint.js";
import { exploreBfs, type WorldBfsResult } from "../../../checker/model/world-bfs.js";
import { PatchedBuilds } from "../../support/patched-builds.js";
import type * as CheckConfigModule from "../../../checker/model/check-config.js";
import type * as ContextModule from "../../../checker/model/context.js";
import type * as WorldBfsModule from "../../../checker/model/world-bfs.js";
import type * as TraceFileModule from "../../../checker/trace/trace-file.js";
import type * as ReplayModule from "../../../checker/trace/replay.js";

interface Searched { readonly result: WorldBfsResult; readonly worlds: Set<string> }

interface Reductions { readonly latent: boolean; readonly deadMail: boolean }

function search(input: CheckConfigInput, depth: number, reductions: Reductions, por: boolean): Searched {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  const ctx = makeContext(made.config);
  const fingerprints = new BfsFingerprints(ctx);
  const fp = { hi: 0, lo: 0 };
  const worlds = new Set<string>();
  const result = exploreBfs(ctx, {
    depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: reductions.latent,
    collectDeadMail: reductions.deadMail, reducePartialOrder: por,
    onState: (w) => { fingerprints.full(w, fp); worlds.add(`${fp.hi}:${fp.lo}`); },
  });
  return { result, worlds };
}

const noFaults = { loss: 0, dup: 0, timeouts: 0 };
const latentOnly = { latent: true, deadMail: false };
const both = { latent: true, deadMail: true };
// Each case: name, config, depth, the other reductions. Sized to run in seconds at a load of ~2 per core.
const cases: [name: string, input: CheckConfigInput, depth: number, reductions: Reductions][] = [
  ["equivocating P3 (SPIN's model a), dead mail collected", { strategy: "equivocate", budgets: noFaults }, 9, both],
  ["equivocating P3, no other reduction", { strategy: "equivocate", budgets: noFaults }, 6,
    { latent: false, deadMail: false }],
  ["silent coordinator, two timeouts (firings share one budget)", {
    coordinator: "silent", strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 2 },
  }, 8, both],
  ["silent coordinator with a crash, a loss and a partition (dependent with everything)", {
    coordinator: "silent", strategy: "silent", budgets: { loss: 1, dup: 0, timeouts: 2, crashes: 1, partitions: 1 },
  }, 5, latentOnly],
  ["the gate's whole alphabet: composites and replays from the knowledge", {}, 3, latentOnly],
  ["a Byzantine coordinator", { coordinator: "byzantine", txnCount: 1 }, 3, latentOnly],
];

describe("partial-order reduction by sleep sets (--reduce ...,por)", () => {
  for (const [name, input, depth, reductions] of cases) {
    it(`reaches the same worlds, verdict and path with fewer transitions: ${name}, depth ${depth}`, function () {
      this.timeout(600_000);
      const full = search(input, depth, reductions, false);
      const reduced = search(input, depth, reductions, true);
      assert.deepEqual(reduced.result.violation, full.result.violation);
      assert.equal(reduced.result.complete, full.result.complete);
      assert.deepEqual([...reduced.result.reached].sort(), [...full.result.reached].sort());
      assert.equal(reduced.result.distinctStates, full.result.distinctStates);
      const missing = [...full.worlds].filter((w) => !reduced.worlds.has(w));
      assert.deepEqual([missing.length, reduced.worlds.size], [0, full.worlds.size], "worlds lost by the reduction");
      assert.ok(full.worlds.size > 1, "the comparison must see more than the initial state");
      // Not vacuous: transitions were pruned, and each pruned one is counted once.
      assert.ok(reduced.result.slept > 0, "no transition slept");
      assert.equal(reduced.result.transitions + reduced.result.slept, full.result.transitions,
        "every transition is either tried or slept");
    });
  }

  it("passes its cross-check (--check-por): every sleeping transition reaches a state already known", function () {
    this.timeout(600_000);
    const made = makeCheckConfig({ strategy: "equivocate", budgets: noFaults });
    assert.ok(made.ok);
    const options = { depthMax: 8, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true };
    const plain = exploreBfs(makeContext(made.config), options);
    const crossChecked = { ...options, reducePartialOrder: true, checkPartialOrder: true };
    const checked = exploreBfs(makeContext(made.config), crossChecked);
    assert.equal(checked.violation, null);
    assert.ok(checked.slept > 0, "nothing slept: the cross-check checked nothing");
    // Sleeping transitions are tried too, so the cross-check tries exactly what the plain search does.
    assert.deepEqual([checked.distinctStates, checked.transitions], [plain.distinctStates, plain.transitions]);
  });

  it("takes --reduce as a list in any order, and refuses what it cannot honour with a one-line error", () => {
    const listed = checkConfigFromFlags({ reduce: "por,dead-mail,latent-byzantine", strategy: "equivocate" });
    assert.ok(listed.ok);
    assert.deepEqual([listed.value.bounds.reducePartialOrder, listed.value.bounds.collectDeadMail], [true, true]);
    const refused: [Record<string, string | boolean>, RegExp][] = [
      [{ reduce: "por,por" }, /^--reduce takes none or a list of latent-byzantine,dead-mail,por, got "por,por"$/],
      [{ reduce: "partial-order" }, /^--reduce takes none or a list/],
      [{ "check-por": true }, /^--check-por cross-checks --reduce \.\.\.,por: add it$/],
      [{ reduce: "por", mode: "random" }, /^--reduce por is a flag of the sequential, unsharded BFS/],
      [{ reduce: "por", shard: "1/2" }, /^--reduce por is a flag of the sequential, unsharded BFS/],
    ];
    for (const [flags, error] of refused) {
      const r = checkConfigFromFlags(flags);
      assert.ok(!r.ok, JSON.stringify(flags));
      assert.match(r.error, error);
    }
  });

  it("rejects a sharded search", () => {
    const made = makeCheckConfig({ strategy: "equivocate", budgets: noFaults });
    assert.ok(made.ok);
    assert.throws(() => exploreBfs(makeContext(made.config), {
      depthMax: 2, statesMax: 1000, bytesMax: 2 ** 24, reducePartialOrder: true, shard: { index: 0, count: 2 },
    }), /partial-order reduction: not with a sharded search/);
  });

  // A state invariant (I3, execute-out-of-order) and a transition check (I5 on a report, convict-on-timeout).
  const planted: [mutant: string, input: CheckConfigInput, invariant: string][] = [
    ["execute-out-of-order", { strategy: "silent", txnCount: 2, budgets: noFaults }, "integrity"],
    ["convict-on-timeout", { strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 1 } }, "detection accuracy"],
  ];
  for (const [mutant, input, invariant] of planted) {
    it(`finds the planted bug ${mutant} (${invariant}) both ways, on the same path, which replays`, async function () {
      this.timeout(600_000);
      const builds = new PatchedBuilds();
      try {
        const dist = builds.build(mutant).dist;
        const load = async <M>(rel: string): Promise<M> =>
          (await import(pathToFileURL(path.join(dist, rel)).href)) as M;
        const api = {
          checkConfig: await load<typeof CheckConfigModule>("checker/model/check-config.js"),
          context: await load<typeof ContextModule>("checker/model/context.js"),
          worldBfs: await load<typeof WorldBfsModule>("checker/model/world-bfs.js"),
          traceFile: await load<typeof TraceFileModule>("checker/trace/trace-file.js"),
          replay: await load<typeof ReplayModule>("checker/trace/replay.js"),
        };
        const made = api.checkConfig.makeCheckConfig({ ...input, mutant });
        assert.ok(made.ok);
        const paths: (readonly number[])[] = [];
        for (const por of [false, true]) {
          const ctx = api.context.makeContext(made.config);
          const r = api.worldBfs.exploreBfs(ctx, {
            depthMax: 40, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, reducePartialOrder: por,
          });
          assert.equal(r.violation?.invariant, invariant, `not found${por ? " with sleep sets" : ""}`);
          paths.push(r.violation.path);
          const trace = api.traceFile.traceFromPath(ctx, r.violation.path, {
            mode: "bfs", seed: null, violation: { invariant: r.violation.invariant, message: r.violation.message },
          });
          assert.equal(api.replay.replayTrace(trace, made.config).violation?.invariant, invariant);
        }
        assert.deepEqual(paths[1], paths[0]);
      } finally {
        builds.dispose();
      }
    });
  }
});
