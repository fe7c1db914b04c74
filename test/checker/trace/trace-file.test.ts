/**
 * byzcommit's trace files are documents of the engine's trace container: a corpus trace rebuilt from its records
 * through the engine (engine/trace-document.ts) is the same file byte for byte, and the engine's strict decode
 * replays it. Corpus traces that reproduce come from mutants, so these run in the mutant's patched build.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadTrace } from "../../../checker/trace/trace-file.js";
import { makeContext } from "../../../checker/model/context.js";
import { enabledActions } from "../../../checker/model/actions.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { apply } from "../../../checker/model/apply.js";
import { describeAction } from "../../../checker/model/action-codec.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { traceFromPath } from "../../../checker/trace/trace-file.js";
import { traceFromRecords } from "../../../checker/trace/shrink-describe.js";
import { fingerprintProblem } from "../../../checker/trace/replay.js";
import { PatchedBuilds } from "../../support/patched-builds.js";
import { mutantTraceOf, repoRoot } from "../../support/replay-cli.js";

type Modules = {
  readonly describe: typeof import("../../../checker/trace/shrink-describe.js");
  readonly document: typeof import("../../../checker/engine/trace-document.js");
  readonly container: typeof import("../../../checker/engine/trace-container.js");
  readonly context: typeof import("../../../checker/model/context.js");
  readonly runModel: typeof import("../../../checker/model/world-run-model.js");
};

async function modulesOf(dist: string): Promise<Modules> {
  const load = async <M>(rel: string): Promise<M> => (await import(pathToFileURL(path.join(dist, rel)).href)) as M;
  return {
    describe: await load("checker/trace/shrink-describe.js"),
    document: await load("checker/engine/trace-document.js"),
    container: await load("checker/engine/trace-container.js"),
    context: await load("checker/model/context.js"),
    runModel: await load("checker/model/world-run-model.js"),
  };
}

describe("trace files as engine trace documents", () => {
  const builds = new PatchedBuilds();
  after(() => builds.dispose());

  for (const mutant of ["execute-out-of-order", "new-view-unchecked"]) {
    it(`rebuilds the ${mutant} corpus trace byte for byte, and the engine's strict decode replays it`, async () => {
      const file = mutantTraceOf(mutant);
      assert.ok(file !== null, `a corpus trace of ${mutant}`);
      const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
      const loaded = loadTrace(path.join(repoRoot, file));
      if (!loaded.ok) assert.fail(loaded.error);
      const { trace, config } = loaded.value;
      const m = await modulesOf(builds.build(mutant).dist);
      const ctx = m.context.makeContext(config);
      const meta = { mode: trace.mode, seed: trace.seed, violation: trace.violation };
      assert.equal(m.document.documentText(m.describe.traceFromRecords(ctx, trace.actions, meta)), text);
      const decoded = m.container.decodeTrace(m.runModel.worldRunModel(ctx), m.document.engineTraceOf(trace));
      assert.ok(decoded.ok, decoded.ok ? "" : decoded.error);
      assert.equal(decoded.actions.length, trace.actions.length);
    });
  }

  it("builds one trace from a BFS path and from its records, one fingerprint per action", () => {
    const made = makeCheckConfig({});
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    let world = initialWorld(ctx);
    const path: number[] = [];
    for (let i = 0; i < 6; i++) {
      const actions = enabledActions(world, ctx);
      const index = (i * 7) % actions.length;
      path.push(index);
      world = apply(world, actions[index]!, ctx).world;
    }
    const meta = { mode: "bfs" as const, seed: null, violation: null };
    const fromPath = traceFromPath(ctx, path, meta);
    assert.equal(fromPath.actions.length, 6);
    assert.equal(fingerprintProblem(fromPath), null);
    assert.deepEqual(traceFromRecords(ctx, fromPath.actions, meta), fromPath);
    const start = initialWorld(ctx);
    assert.deepEqual(fromPath.actions[0], describeAction(enabledActions(start, ctx)[path[0]!]!));
  });
});
