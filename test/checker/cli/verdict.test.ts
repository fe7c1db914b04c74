/** One verdict per search (checker/cli/verdict.ts), and `npm run check` keeping to it at the command line. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { traceFromRecords } from "../../../checker/trace/shrink-describe.js";
import { traceFromPath, worldFingerprintHex } from "../../../checker/trace/trace-file.js";
import { describeAction } from "../../../checker/model/action-codec.js";
import { apply } from "../../../checker/model/apply.js";
import { enabledActions } from "../../../checker/model/actions.js";
import { stepChecked } from "../../../checker/model/checked-step.js";
import { WorldFingerprinter } from "../../../checker/model/fingerprint.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { buildTrace, exitCodes, verdictOf } from "../../../checker/cli/verdict.js";
import { repoRoot } from "../../support/replay-cli.js";
import { asNodeId } from "../../../spec/ids.js";

const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));

describe("search verdicts", () => {
  it("calls a search its budget stopped incomplete (exit 3) even when nothing was decided, never vacuous", () => {
    assert.deepEqual(verdictOf({ violation: false, stoppedByBudget: true, witnessReached: false, traceError: false }),
      { verdict: "incomplete", exitCode: 3 });
    assert.deepEqual(verdictOf({ violation: false, stoppedByBudget: false, witnessReached: false, traceError: false }),
      { verdict: "vacuous", exitCode: 1 });
    assert.deepEqual(verdictOf({ violation: true, stoppedByBudget: true, witnessReached: false, traceError: false }),
      { verdict: "violation", exitCode: 1 });
  });

  it("gives a trace that cannot be rebuilt its own exit code and a one-line error, never a throw", () => {
    const made = makeCheckConfig({});
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    // No crash is enabled in the initial world (the crash budget is 0, and there is no node 9).
    const built = buildTrace(() =>
      traceFromRecords(ctx, [{ kind: "crash", node: asNodeId(9) }], { mode: "bfs", seed: null, violation: null }));
    assert.deepEqual(built, {
      ok: false, error: "could not rebuild the counterexample as a trace: traceFromRecords: step 1 is not enabled",
    });
    assert.deepEqual(verdictOf({ violation: true, stoppedByBudget: false, witnessReached: true, traceError: true }),
      { verdict: "trace-error", exitCode: exitCodes.traceError });
  });

  it("rebuilds a counterexample that ends in a core assertion: the throwing step leaves the world as it was", () => {
    const made = makeCheckConfig({});
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    // The core's env throwing on the PREPAREs it verifies stands in for a core assertion (a patched core's
    // `assert`): the exception comes out of the step the same way.
    const verify = ctx.env.verify;
    const throwing = {
      ...ctx,
      env: {
        ...ctx.env,
        verify: (m: Parameters<typeof verify>[0]) => {
          if ("kind" in m.body && m.body.kind === "Prepare") throw new Error("assertion failed: a planted one");
          return verify(m);
        },
      },
    };
    const isDelivery = (kind: string) => (a: ReturnType<typeof enabledActions>[number]): boolean =>
      a.kind === "deliver" && a.envelope.message.body.kind === kind &&
      a.envelope.to !== throwing.coordinator && !throwing.config.byzantine.includes(a.envelope.to);
    const start = initialWorld(throwing);
    const first = enabledActions(start, throwing).findIndex(isDelivery("PrePrepare"));
    assert.ok(first >= 0, "the coordinator's PRE-PREPARE is in flight in the initial world");
    const afterSubmit = apply(start, enabledActions(start, throwing)[first]!, throwing).world;
    const deliver = enabledActions(afterSubmit, throwing).findIndex(isDelivery("Prepare"));
    assert.ok(deliver >= 0, "the participant's PREPARE is in flight");
    const action = enabledActions(afterSubmit, throwing)[deliver]!;
    const checked = stepChecked(afterSubmit, action, throwing);
    assert.equal(checked.violation?.invariant, "core-assertion");
    const violation = { invariant: "core-assertion", message: checked.violation?.message ?? "" };
    const meta = { mode: "random" as const, seed: 1, violation };
    const records = [describeAction(enabledActions(start, throwing)[first]!), describeAction(action)];
    const fingerprinter = new WorldFingerprinter(throwing);
    const unchanged = worldFingerprintHex(afterSubmit, throwing, fingerprinter);
    for (const trace of [traceFromRecords(throwing, records, meta), traceFromPath(throwing, [first, deliver], meta)]) {
      assert.equal(trace.actions.length, 2);
      assert.equal(trace.fingerprints[1], unchanged, "the assertion's step records the world before it");
      assert.deepEqual(trace.violation, violation);
    }
  });

  it("calls a clean search vacuous (exit 1) when a witness named by --expect was never reached", () => {
    const run = (expect: string) => spawnSync(process.execPath,
      [checkMain, "--mode", "coverage", "--runs", "5", "--steps", "10", "--expect", expect, "--out", os.tmpdir()],
      { encoding: "utf8", cwd: repoRoot });
    const r = run("a view change completes"); // no timer budget fires in 5 short excursions of the default world
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /VACUOUS: "a view change completes" never reached/);
    const reached = run("an honest participant decides commit");
    assert.equal(reached.status, 0, reached.stdout);
    const bad = run("a view change complete");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^check: --expect: "a view change complete" is not a sometimes property/);
    assert.equal(bad.stderr.trim().split("\n").length, 1, "one line");
  });

  it("reports `--n 5 --max-seconds 1` as incomplete, exit 3 (it was vacuous, exit 1)", () => {
    const r = spawnSync(process.execPath, [checkMain, "--n", "5", "--max-seconds", "1", "--json", "--out", os.tmpdir()],
      { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
    assert.equal(r.status, 3, r.stderr);
    const s = JSON.parse(r.stdout) as { verdict: string; stopReason: string };
    assert.equal(s.verdict, "incomplete");
    assert.equal(s.stopReason, "time");
  });
});
