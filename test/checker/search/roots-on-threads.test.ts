/**
 * Roots on threads (`--workers N` with several roots): each root is the sequential search on a
 * thread of its own, so the run must add up to exactly what the roots searched one after another
 * on the main thread add up to — counts, stop reasons, `sometimes` properties, per-root figures,
 * and a violation's path — and its verdict must be the sequential one: the first root in order
 * that stops the run decides it, whichever thread finishes first.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import type { BfsOptions } from "../../../checker/model/world-bfs.js";
import { exploreRoots, exploreRootsOnThreads, rootConfigs } from "../../../checker/cli/bfs-roots.js";
import { traceFromPath } from "../../../checker/trace/trace-file.js";
import { replayTrace } from "../../../checker/trace/replay.js";
import { asNodeId } from "../../../spec/ids.js";
import { searchRootsOnThreads } from "../../../checker/search/roots-on-threads.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

function config(input: CheckConfigInput): CheckConfig {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  return made.config;
}

/** Quorums of 1 under a Byzantine coordinator: its two pre-prepares for one seq each execute alone (I1). */
function planted(): CheckConfig {
  const c = config({ coordinator: "byzantine", byzantine: [asNodeId(1)], budgets: noFaults });
  return { ...c, protocol: { ...c.protocol, quorum: 1 } };
}

const bounds = (depth: number, extra: Partial<BfsOptions> = {}): BfsOptions => ({
  depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 24, ...extra,
});

type Run = Awaited<ReturnType<typeof exploreRootsOnThreads>>;

const figures = (r: Run) => ({
  states: r.result.distinctStates, transitions: r.result.transitions, stop: r.result.stopReason,
  depth: r.result.depthExplored, reached: [...r.result.reached].sort(), violation: r.result.violation,
  roots: r.roots.map((root) => [root.txn, root.flag, root.distinctStates, root.stopReason]),
});

describe("roots on threads (--workers N, several roots)", () => {
  const cases: [string, CheckConfig[], BfsOptions][] = [
    ["the default gate's two roots, t1 commit and t2 abort, depth 5",
      rootConfigs(config({ budgets: noFaults, flags: ["commit", "abort"] }), "each"),
      bounds(5, { reduceLatentByzantine: true })],
    ["model a's two roots with the latent reduction and dead-mail collection, exhausted",
      rootConfigs(config({ strategy: "equivocate", budgets: noFaults, flags: ["commit", "abort"] }), "each"),
      bounds(Number.POSITIVE_INFINITY, { reduceLatentByzantine: true, collectDeadMail: true })],
    ["three roots with sleep sets, on two threads",
      rootConfigs(config({ strategy: "equivocate", budgets: noFaults, txnCount: 3 }), "each"),
      bounds(7, { reducePartialOrder: true })],
  ];
  for (const [name, configs, options] of cases) {
    it(`adds up to the sequential roots: ${name}`, async function () {
      this.timeout(600_000);
      const seen: string[] = [];
      const level = (l: { depth: number; states: number; transitions: number }): string =>
        `${l.depth}:${l.states}:${l.transitions}`;
      const one = exploreRoots(configs, { ...options, onLevel: (l) => seen.push(level(l)) }, Date.now);
      const levels: string[] = [];
      const many = await exploreRootsOnThreads(configs, options, 2, Date.now, (l) => levels.push(...l.map(level)));
      assert.deepEqual(figures(many), figures(one));
      assert.equal(one.result.violation, null);
      assert.ok(one.result.distinctStates > 1000, `not vacuous: ${one.result.distinctStates} states`);
      // Each root's level figures, in root order, as the sequential run's `onLevel` saw them.
      assert.deepEqual(levels, seen);
    });
  }

  it("reports the violation of the first root in order, with the sequential path, which replays", async function () {
    this.timeout(300_000);
    const clean = config({ strategy: "equivocate", budgets: noFaults, txnCount: 1 });
    for (const configs of [[planted(), clean], [clean, planted()], [planted(), planted()]]) {
      const one = exploreRoots(configs, bounds(8), Date.now);
      const many = await exploreRootsOnThreads(configs, bounds(8), 2, Date.now);
      assert.ok(one.result.violation !== null, "the sequential roots find it");
      assert.deepEqual(figures(many), figures(one));
      const { invariant, message, path } = one.result.violation;
      const trace = traceFromPath(many.ctx, path, { mode: "bfs", seed: null, violation: { invariant, message } });
      assert.equal(replayTrace(trace, many.ctx.config).violation?.invariant, invariant);
    }
  });

  it("leaves out the roots after one that stops the run, even when they finish first", async function () {
    this.timeout(300_000);
    // Root 0 takes longer than root 1 (depth 9 of model a against a violation at depth 8 or less); root 1 stops
    // the run, so root 2 must never be reported, while root 0 still runs to its end.
    const slow = config({ strategy: "equivocate", budgets: noFaults, txnCount: 1 });
    const replies = await searchRootsOnThreads([slow, planted(), slow], bounds(9), { threads: 2, started: Date.now() });
    assert.deepEqual(replies.map((r) => [r.result.stopReason, r.result.violation === null]),
      [["depth", true], ["violation", false]]);
  });

  it("stops every root when the main thread's budget runs out: incomplete, not clean", async function () {
    this.timeout(300_000);
    const configs = rootConfigs(config({ budgets: noFaults, flags: ["commit", "abort"] }), "each");
    const many = await exploreRootsOnThreads(configs, { ...bounds(12), poll: () => "time" }, 2, Date.now);
    assert.equal(many.result.stopReason, "time");
    assert.equal(many.result.complete, false);
  });

  it("rethrows a reduction the config refuses as a RangeError (a bad flag, not a crash)", async () => {
    const twoByzantine = config({ n: 7, f: 2, strategy: "equivocate", budgets: noFaults, txnCount: 2 });
    await assert.rejects(
      exploreRootsOnThreads(rootConfigs(twoByzantine, "each"), bounds(3, { reduceLatentByzantine: true }), 2,
        Date.now),
      (e: unknown) => e instanceof RangeError && /latent-Byzantine/.test(e.message));
  });
});
