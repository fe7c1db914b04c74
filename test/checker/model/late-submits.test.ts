/**
 * Late submissions (checker/model/late-submits.ts): opt-in, one held-back txn at a time in order, a step of its own
 * that a trace records and replays (here after a crash-restart of the coordinator), and flags that do not fit it
 * refused with one line.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { apply } from "../../../checker/model/apply.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { loadTrace, traceFromPath, writeTrace } from "../../../checker/trace/trace-file.js";
import { fingerprintProblem, replayTrace } from "../../../checker/trace/replay.js";
import { checkConfigFromFlags } from "../../../checker/cli/check-options.js";
import type { World } from "../../../checker/model/world.js";

const clientTxns = (actions: readonly Action[]): string[] =>
  actions.flatMap((a) => (a.kind === "client" ? [a.request.body.id] : []));

function coordinatorTxns(world: World, coordinator: number): string[] {
  const state = world.nodes[coordinator];
  assert.ok(state?.role === "coordinator");
  return [...state.awaiting];
}

describe("late submissions", () => {
  it("are opt-in: without them no client step is enabled", () => {
    const made = makeCheckConfig({ txnCount: 3, budgets: { crashes: 1 } });
    assert.ok(made.ok);
    assert.equal(made.config.budgets.submits, undefined, "absent from the config, so old traces read the same");
    const ctx = makeContext(made.config);
    assert.deepEqual(clientTxns(enabledActions(initialWorld(ctx), ctx)), []);
  });

  it("submit the held-back txns in order, after a crash-restart too, and replay from a trace file", () => {
    const made = makeCheckConfig({ txnCount: 3, budgets: { crashes: 1, submits: 2, loss: 0, dup: 0 } });
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    let world = initialWorld(ctx);
    assert.deepEqual(coordinatorTxns(world, ctx.coordinator), ["t1"]);
    const indices: number[] = [];
    const take = (pick: (a: Action) => boolean): void => {
      const actions = enabledActions(world, ctx);
      const index = actions.findIndex(pick);
      assert.ok(index >= 0, "the action is enabled");
      indices.push(index);
      world = apply(world, actions[index] as Action, ctx).world;
    };
    assert.deepEqual(clientTxns(enabledActions(world, ctx)), ["t2"], "only the next held-back txn");
    take((a) => a.kind === "client");
    assert.deepEqual(clientTxns(enabledActions(world, ctx)), ["t3"]);
    take((a) => a.kind === "crash" && a.node === ctx.coordinator);
    take((a) => a.kind === "client");
    assert.deepEqual(clientTxns(enabledActions(world, ctx)), [], "the budget is spent");
    assert.equal(world.used.submits, 2);
    assert.ok(coordinatorTxns(world, ctx.coordinator).includes("t3"), "t3 reached the restarted coordinator");

    const trace = traceFromPath(ctx, indices, { mode: "random", seed: 1, violation: null });
    assert.equal(fingerprintProblem(trace), null);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "late-submits-"));
    try {
      const loaded = loadTrace(writeTrace(dir, trace));
      if (!loaded.ok) assert.fail(loaded.error);
      assert.equal(loaded.value.config.budgets.submits, 2);
      const report = replayTrace(loaded.value.trace, loaded.value.config);
      assert.equal(report.verdict, "clean");
      assert.equal(report.firstDivergence, null);
      assert.equal(report.steps.length, 3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse the flags they do not fit, with one line", () => {
    const error = (...args: string[]): string => {
      const v: Record<string, string | boolean> = {};
      for (let i = 0; i < args.length; i += 2) v[(args[i] as string).slice(2)] = args[i + 1] ?? true;
      const r = checkConfigFromFlags(v);
      assert.ok(!r.ok, `${args.join(" ")} is refused`);
      assert.ok(!r.error.includes("\n"));
      return r.error;
    };
    assert.match(error("--late-submits", "1"), /--submit each/);
    assert.match(error("--late-submits", "1", "--submit", "together", "--coordinator", "byzantine"), /Byzantine/);
    assert.match(error("--late-submits", "1", "--txns", "2", "--reduce", "dead-mail"), /dead-mail/);
    assert.match(error("--late-submits", "3", "--txns", "2"), /at most the txn count 2/);
    assert.match(error("--late-submits", "x", "--txns", "2"), /late-submits/);
    const ok = checkConfigFromFlags({ "late-submits": "1", txns: "2", mode: "random" });
    assert.ok(ok.ok && ok.value.config.budgets.submits === 1);
  });
});
