/** One verdict per search (checker/cli/verdict.ts), and `npm run check` keeping to it at the command line. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { traceFromRecords } from "../../../checker/trace/shrink-describe.js";
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

  it("reports `--n 5 --max-seconds 1` as incomplete, exit 3 (it was vacuous, exit 1)", () => {
    const r = spawnSync(process.execPath, [checkMain, "--n", "5", "--max-seconds", "1", "--json", "--out", os.tmpdir()],
      { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
    assert.equal(r.status, 3, r.stderr);
    const s = JSON.parse(r.stdout) as { verdict: string; stopReason: string };
    assert.equal(s.verdict, "incomplete");
    assert.equal(s.stopReason, "time");
  });
});
