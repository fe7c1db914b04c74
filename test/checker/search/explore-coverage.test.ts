import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { enabledActions } from "../../../checker/model/actions.js";
import { cellKey, DigestNames } from "../../../checker/search/coverage-cell.js";
import { exploreCoverage, type CoverageOptions } from "../../../checker/search/explore-coverage.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { runOptionsFor } from "../../../checker/search/random-run.js";
import { stepChecked } from "../../../checker/model/checked-step.js";
import { PatchedBuilds } from "../../support/patched-builds.js";
import { asNodeId } from "../../../spec/ids.js";

function config(input: CheckConfigInput): CheckConfig {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return made.config;
}

function search(c: CheckConfig, o: Partial<CoverageOptions>) {
  const ctx = makeContext(c);
  return exploreCoverage(ctx, { runs: 300, steps: 20, seed: 1, runOptions: runOptionsFor(ctx, "auto"), ...o });
}

describe("coverage-guided search", () => {
  it("repeats itself exactly for the same seed", () => {
    const c = config({ byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 2 } });
    // 100 excursions, not 300: under the schema-derived alphabet an excursion enumerates several times more moves.
    const a = search(c, { seed: 7, runs: 100 });
    const b = search(c, { seed: 7, runs: 100 });
    assert.deepEqual({ cells: a.cells, actions: a.actions, depth: a.depthMax },
      { cells: b.cells, actions: b.actions, depth: b.depthMax });
    const other = search(c, { seed: 8, runs: 100 });
    assert.notDeepEqual({ cells: a.cells, actions: a.actions }, { cells: other.cells, actions: other.actions });
  });

  it("with swarm excursions repeats itself for a seed, differs from plain excursions, and stays clean", () => {
    const c = config({ byzantine: [asNodeId(0)], flags: ["commit", "abort"], budgets: { loss: 0, dup: 0, timeouts: 2 }
          });
    const a = search(c, { seed: 7, swarm: true, runs: 80 });
    const b = search(c, { seed: 7, swarm: true, runs: 80 });
    assert.deepEqual({ cells: a.cells, actions: a.actions }, { cells: b.cells, actions: b.actions });
    const plain = search(c, { seed: 7, runs: 80 });
    assert.notDeepEqual({ cells: a.cells, actions: a.actions }, { cells: plain.cells, actions: plain.actions });
    assert.equal(a.failure, null);
    assert.ok(a.reached.includes("an honest participant decides"), `reached: ${a.reached.join(", ")}`);
  });

  it("runs the unmutated core clean and reaches a completed view change", () => {
    const r = search(config({ byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 2 } }), { runs: 1500 });
    assert.equal(r.failure, null);
    assert.ok(r.reached.includes("a view change completes"), `reached: ${r.reached.join(", ")}`);
    assert.ok(r.reached.includes("an honest participant decides"));
  });

  it("archives progress: excursions of 20 steps chain into worlds deeper than a random run's 60", () => {
    const r = search(config({ byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 2 } }), { runs: 1000 });
    assert.ok(r.depthMax > 60, `deepest archived world at ${r.depthMax} steps`);
    assert.ok(r.cells > 100, `${r.cells} cells`);
  });

  describe("with a planted rule break (new-view-lowest-view's patched build)", () => {
    const builds = new PatchedBuilds();
    after(() => builds.dispose());

    // I10d (justified views) catches its NEW-VIEW where it is installed, before it splits agreement.
    it("finds it two view changes deep: new-view-lowest-view's NEW-VIEW breaks I10d " +
      "with no Byzantine node", async () => {
      const patched = await builds.modules("new-view-lowest-view");
      const c = config({ byzantine: [], budgets: { loss: 0, dup: 0, timeouts: 3 }, mutant: "new-view-lowest-view" });
      const ctx = patched.context.makeContext(c);
      const runOptions = patched.randomRun.runOptionsFor(ctx, "auto");
      const r = patched.exploreCoverage.exploreCoverage(ctx, { runs: 4000, steps: 20, seed: 1, runOptions });
      assert.ok(r.failure !== null, "coverage search catches the mutant");
      assert.equal(r.failure.violation.invariant, "justified views");
    });
  });
});

describe("coverage cell", () => {
  it("forgets the interleaving: delivering two independent messages in either order gives one cell", () => {
    const ctx = makeContext(config({ budgets: { loss: 0, dup: 0, timeouts: 0 } }));
    const names = new DigestNames();
    const root = initialWorld(ctx);
    const first = enabledActions(root, ctx).filter((a) => a.kind === "deliver").slice(0, 2);
    assert.equal(first.length, 2);
    const [a, b] = first as [typeof first[0], typeof first[0]];
    const ab = stepChecked(stepChecked(root, a, ctx).world, b, ctx).world;
    const ba = stepChecked(stepChecked(root, b, ctx).world, a, ctx).world;
    assert.equal(cellKey(ab, ctx, names), cellKey(ba, ctx, names));
    assert.notEqual(cellKey(ab, ctx, names), cellKey(root, ctx, names), "a pre-prepare accepted is progress");
  });

  it("keeps budgets apart: a dropped message is another cell although no node changed", () => {
    const ctx = makeContext(config({ budgets: { loss: 1, dup: 0, timeouts: 0 } }));
    const names = new DigestNames();
    const root = initialWorld(ctx);
    const drop = enabledActions(root, ctx).find((x) => x.kind === "drop");
    assert.ok(drop !== undefined);
    const dropped = stepChecked(root, drop, ctx).world;
    assert.notEqual(cellKey(dropped, ctx, names), cellKey(root, ctx, names));
  });
});
