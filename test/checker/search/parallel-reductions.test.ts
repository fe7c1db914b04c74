/**
 * The parallel BFS (--workers N) with the reductions model a uses (the latent-Byzantine
 * reduction and dead-message collection): on configurations small enough to search
 * both ways it stores exactly the sequential search's states (the same set of
 * fingerprints, so the same count), tries the same transitions, and reaches the same
 * verdict and `sometimes` properties. Which worker claims a state varies from run to
 * run, so sets are compared, not orders. The level is split among the workers early
 * (bfs-split.ts), so every case below runs on all of them, and the shared table starts at 16 slots, so the
 * workers pause mid-level for it to grow (shared-visited-set.ts) many times.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { exploreBfs, type BfsOptions } from "../../../checker/model/world-bfs.js";
import { exploreBfsParallel, WorkerPool } from "../../../checker/search/explore-parallel.js";
import { exploreRoots, exploreRootsParallel, rootConfigs } from "../../../checker/cli/bfs-roots.js";
import { StateExpander } from "../../../checker/model/state-expander.js";
import { DeadMailCollector } from "../../../checker/model/dead-mail.js";
import { traceFromPath } from "../../../checker/trace/trace-file.js";
import { replayTrace } from "../../../checker/trace/replay.js";
import { asNodeId } from "../../../spec/ids.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  return makeContext(made.config);
}

const bounds = (depth: number): BfsOptions => ({
  depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 24, reduceLatentByzantine: true, collectDeadMail: true,
});

/** The sequential search's fingerprints, computed from each stored world as the workers' incremental ones are. */
function sequential(input: CheckConfigInput, depth: number) {
  const ctx = context(input);
  const expander = new StateExpander(ctx, {
    latent: true, verifyFingerprints: false, onState: undefined, deadMail: new DeadMailCollector(ctx),
  });
  const root = expander.fingerprint(expander.root());
  const seen = new Set<string>([`${root.hi >>> 0}:${root.lo >>> 0}`]);
  const result = exploreBfs(ctx, {
    ...bounds(depth), verifyFingerprints: true,
    onState: (w) => { const fp = expander.fingerprint(w); seen.add(`${fp.hi >>> 0}:${fp.lo >>> 0}`); },
  });
  return { result, seen };
}

describe("parallel BFS with dead-mail collection and the latent-Byzantine reduction", () => {
  const cases: [string, CheckConfigInput, number, number][] = [
    ["equivocating P3 (SPIN's model a), one txn", { strategy: "equivocate", budgets: noFaults, txnCount: 1 }, 10, 2],
    ["equivocating P3, two txns together", { strategy: "equivocate", budgets: noFaults }, 8, 3],
    ["silent coordinator, two timeouts (a view change, mail to the stopped coordinator)",
      { coordinator: "silent", strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 2 } }, 9, 2],
    ["silent coordinator with a crash and a loss",
      { coordinator: "silent", strategy: "silent", budgets: { loss: 1, dup: 0, timeouts: 2, crashes: 1 } }, 6, 2],
  ];
  for (const [name, input, depth, workers] of cases) {
    it(`stores the sequential search's states: ${name}, depth ${depth}, ${workers} workers`, async function () {
      this.timeout(600_000);
      const one = sequential(input, depth);
      let held = new Set<string>();
      const many = await exploreBfsParallel(context(input), {
        ...bounds(depth), workers, tableSlots: 16, onVisited: (v) => { held = v.fingerprints(); },
      });
      assert.deepEqual(
        [many.distinctStates, many.transitions, many.stopReason, many.depthExplored, many.violation],
        [one.result.distinctStates, one.result.transitions, one.result.stopReason, one.result.depthExplored, null]);
      assert.equal(one.result.violation, null);
      assert.deepEqual([...many.reached].sort(), [...one.result.reached].sort());
      assert.equal(one.seen.size, one.result.distinctStates, "one fingerprint a stored state");
      const missing = [...one.seen].filter((s) => !held.has(s)).length;
      const extra = [...held].filter((s) => !one.seen.has(s)).length;
      assert.deepEqual([missing, extra], [0, 0], "states lost or invented by the workers");
      // Not vacuous: deep enough that the level was split among the workers and collection merged states.
      assert.ok(one.result.distinctStates > 128 * workers, `${one.result.distinctStates} states`);
    });
  }

  it("runs one root after another on one pool of workers (--submit each), adding up as the sequential roots do",
    async function () {
      this.timeout(600_000);
      const made = makeCheckConfig({ strategy: "equivocate", budgets: noFaults, flags: ["commit", "abort"] });
      assert.ok(made.ok);
      const configs = rootConfigs(made.config, "each");
      assert.equal(configs.length, 2);
      const one = exploreRoots(configs, bounds(9), () => 0);
      const pool = new WorkerPool(2);
      try {
        const many = await exploreRootsParallel(configs, bounds(9), () => 0,
          (ctx, options) => exploreBfsParallel(ctx, { ...options, workers: 2, pool, tableSlots: 16 }));
        const counts = (r: typeof one) => [r.result.distinctStates, r.result.transitions, r.result.stopReason,
          r.roots.map((root) => root.distinctStates)];
        assert.deepEqual(counts(many), counts(one));
      } finally {
        await pool.close();
      }
    });

  it("finds a planted bug with the same path length, and its path replays in the uncollected world", async function () {
    this.timeout(300_000);
    // Quorums of 1: a Byzantine coordinator's two pre-prepares for one seq each execute alone. P1 is the Byzantine
    // participant, as P3 would lead the view after the coordinator's (dead-mail.ts refuses that).
    const planted = (): CheckContext => {
      const ctx = context({ coordinator: "byzantine", byzantine: [asNodeId(1)], budgets: noFaults });
      return makeContext({ ...ctx.config, protocol: { ...ctx.config.protocol, quorum: 1 } });
    };
    const one = exploreBfs(planted(), bounds(8));
    const ctx = planted();
    const many = await exploreBfsParallel(ctx, { ...bounds(8), workers: 2, tableSlots: 16 });
    assert.ok(one.violation !== null, "the sequential search finds it");
    assert.equal(many.violation?.invariant, one.violation.invariant);
    assert.equal(many.violation?.path.length, one.violation.path.length);
    const { invariant, message, path } = many.violation;
    const trace = traceFromPath(ctx, path, { mode: "bfs", seed: null, violation: { invariant, message } });
    assert.equal(replayTrace(trace, ctx.config).violation?.invariant, invariant);
  });
});
