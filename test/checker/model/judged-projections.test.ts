/**
 * Whole-view invariants judged once per honest-observable projection (checker/model/judged-projections.ts) must
 * judge as the plain observer does, which judges every new tuple of honest node states in full: on small
 * configurations the same counts, the same witnesses reached in the same order and the same verdict, with the memo
 * at work (worlds settled without a judgement); and a planted bug that a whole-view invariant catches (the catalog
 * mutant convict-on-timeout, caught by I5) is found on the same path both ways.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeCheckConfig, type CheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { replayPrefix } from "../../../checker/search/trace-prefix.js";
import { rootedAt } from "../../../checker/engine/rooted-expansion.js";
import { loadTrace } from "../../../checker/trace/trace-file.js";
import type { World } from "../../../checker/model/world.js";
import { repoRoot } from "../../support/replay-cli.js";
import { makeContext } from "../../../checker/model/context.js";
import { StateExpander } from "../../../checker/model/state-expander.js";
import { exploreBfsOf } from "../../../checker/engine/explore-bfs.js";
import { PatchedBuilds } from "../../support/patched-builds.js";

const bounds = { statesMax: 2_000_000, bytesMax: 2 ** 30 };
const noFaults = { loss: 0, dup: 0, timeouts: 0 };
// Model a decides both ways and replies; every fault budget gives crashed and restarted participants; from the
// recorded root a view change completes and P3 decides abort.
const cases: [string, CheckConfigInput | string, number, string][] = [
  ["model a (equivocating P3)", { strategy: "equivocate", budgets: noFaults }, 11, "an honest participant decides"],
  ["every fault budget at 1", { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3,
    "an honest node holds proof against a faulty node"],
  ["from abort-prepared-two-view-changes", "traces/roots/abort-prepared-two-view-changes.json", 3,
    "a view change completes"],
];

/** The config and the world to search from: the initial one, or a recorded root's end state. */
function start(input: CheckConfigInput | string): { config: CheckConfig; root: World | undefined } {
  if (typeof input !== "string") {
    const made = makeCheckConfig(input);
    assert.ok(made.ok);
    return { config: made.config, root: undefined };
  }
  const file = path.join(repoRoot, input);
  const loaded = loadTrace(file);
  if (!loaded.ok) assert.fail(loaded.error);
  const prefix = replayPrefix(file, loaded.value.trace, makeContext(loaded.value.config));
  if (!prefix.ok) assert.fail(prefix.error);
  return { config: loaded.value.config, root: prefix.value.world };
}

describe("judged projections (whole-view invariants once per projection)", () => {
  for (const [name, input, depth, witness] of cases) {
    it(`judges as the plain observer: ${name}, depth ${depth}`, function () {
      this.timeout(600_000);
      const { config, root } = start(input);
      const runs = [true, false].map((judgeProjections) => {
        const ctx = makeContext(config);
        const expander = new StateExpander(ctx, {
          latent: true, verifyFingerprints: false, onState: undefined, judgeProjections,
        });
        const result = exploreBfsOf(root === undefined ? expander : rootedAt(expander, root), { depthMax: depth,
          ...bounds });
        return { result, settled: expander.observer.projections?.settledCount ?? 0 };
      });
      const [memo, plain] = runs as [typeof runs[0], typeof runs[0]];
      assert.deepEqual(
        [memo.result.distinctStates, memo.result.transitions, memo.result.reached, memo.result.violation],
        [plain.result.distinctStates, plain.result.transitions, plain.result.reached, plain.result.violation]);
      assert.ok(memo.result.reached.includes(witness), `the comparison must reach "${witness}"`);
      assert.ok(memo.settled > 0, "the memo must settle some worlds without a judgement");
    });
  }

  it("still finds a planted bug caught by a whole-view invariant (convict-on-timeout, I5), on the same path",
    async function () {
      this.timeout(600_000);
      const builds = new PatchedBuilds();
      try {
        const dist = builds.build("convict-on-timeout").dist;
        const load = async <M>(rel: string): Promise<M> =>
          (await import(pathToFileURL(path.join(dist, rel)).href)) as M;
        const checkConfig =
          await load<typeof import("../../../checker/model/check-config.js")>("checker/model/check-config.js");
        const context = await load<typeof import("../../../checker/model/context.js")>("checker/model/context.js");
        const bfs = await load<typeof import("../../../checker/model/world-bfs.js")>("checker/model/world-bfs.js");
        const made = checkConfig.makeCheckConfig({ budgets: { loss: 0, dup: 0, timeouts: 1 },
          mutant: "convict-on-timeout" });
        assert.ok(made.ok);
        const found = [true, false].map((judgeProjections) => bfs.exploreBfs(context.makeContext(made.config), {
          depthMax: 8, ...bounds, reduceLatentByzantine: true, judgeProjections,
        }).violation);
        assert.equal(found[0]?.invariant, "detection accuracy");
        assert.deepEqual(found[0], found[1]);
      } finally {
        builds.dispose();
      }
    });
});
