import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { exploreBfs, latentReductionProblem } from "../../../checker/model/world-bfs.js";
import { exploreBfsParallel } from "../../../checker/search/explore-parallel.js";
import { traceFromPath } from "../../../checker/trace/trace-file.js";
import { replayTrace } from "../../../checker/trace/replay.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  return makeContext(made.config);
}

const bounds = (ctx: CheckContext, depth: number) => ({
  depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 24,
  reduceLatentByzantine: latentReductionProblem(ctx.config) === null,
});

describe("parallel BFS on worker threads (--workers N)", () => {
  const cases: [string, CheckConfigInput, number][] = [
    // Depth 4, not 6: under the schema-derived alphabet depth 6 is ~560 k states a root, minutes under load.
    ["default world", { budgets: noFaults }, 4],
    ["every fault budget at 1", { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3],
    ["silent Byzantine participant, to exhaustion", { strategy: "silent", budgets: noFaults }, 30],
  ];
  for (const [name, input, depth] of cases) {
    it(`reaches the sequential search's states, transitions and verdict: ${name}, depth ${depth}`, async () => {
      const ctx = context(input);
      const sequential = exploreBfs(ctx, bounds(ctx, depth));
      const parallel = await exploreBfsParallel(context(input), { ...bounds(ctx, depth), workers: 2 });
      assert.deepEqual(
        [parallel.distinctStates, parallel.transitions, parallel.stopReason, parallel.depthExplored],
        [sequential.distinctStates, sequential.transitions, sequential.stopReason, sequential.depthExplored]);
      assert.equal(parallel.violation, null);
      assert.deepEqual([...parallel.reached].sort(), [...sequential.reached].sort());
    });
  }

  // Quorums of 1: a Byzantine coordinator's two pre-prepares for one seq each execute alone. (Quorum 2 = 2f was the
  // planted bug before the schema-derived alphabet; its shortest split is now deeper than a test can afford.)
  it("finds a planted bug at the same depth, with a path that replays to it", async function () {
    this.timeout(180_000); // a few seconds alone; the suite may share the machine
    const planted = (): CheckContext => {
      const ctx = context({ coordinator: "byzantine", budgets: noFaults });
      return makeContext({ ...ctx.config, protocol: { ...ctx.config.protocol, quorum: 1 } });
    };
    const sequential = exploreBfs(planted(), bounds(planted(), 8));
    const ctx = planted();
    const parallel = await exploreBfsParallel(ctx, { ...bounds(ctx, 8), workers: 3 });
    assert.ok(sequential.violation !== null, "the sequential search finds it");
    assert.equal(parallel.violation?.invariant, sequential.violation.invariant);
    assert.equal(parallel.violation?.path.length, sequential.violation.path.length);
    const { invariant, message, path } = parallel.violation;
    const trace = traceFromPath(ctx, path, { mode: "bfs", seed: null, violation: { invariant, message } });
    const replayed = replayTrace(trace, ctx.config);
    assert.equal(replayed.violation?.invariant, invariant);
  });
});
