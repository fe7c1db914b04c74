/** The engine's trace container on two-phase commit: encode through the model's codec, decode by replay. */
import assert from "node:assert/strict";
import { decodeTrace, encodeTrace, replayRecords } from "../../../checker/engine/trace-container.js";
import { twoPhaseTraceModel, type TwoPhaseAction } from "./two-phase-commit.js";

const blocking: TwoPhaseAction[] = [
  { kind: "start" }, { kind: "vote", p: 0, yes: true }, { kind: "vote", p: 1, yes: true }, { kind: "crash" },
];

describe("engine trace container (two-phase commit)", () => {
  const model = twoPhaseTraceModel({ participants: 2, crashes: 1 });

  it("encodes actions as records with their verdict, and decodes them back to the same actions", () => {
    const trace = encodeTrace(model, blocking, { invariant: "nobody blocked", message: "" });
    assert.deepEqual(trace.actions, ["start", "vote 0 yes", "vote 1 yes", "crash"]);
    const decoded = decodeTrace(model, trace);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.actions, blocking);
    assert.equal(decoded.states.length, 5);
  });

  it("rejects a trace whose verdict its replay does not reproduce, or whose step is not enabled", () => {
    const clean = decodeTrace(model, { actions: ["start", "vote 0 yes", "vote 1 yes", "crash"], verdict: null });
    const error = "the trace records no violation but its replay ends with nobody blocked";
    assert.deepEqual(clean, { ok: false, error });
    const disabled = decodeTrace(model, { actions: ["count 0"], verdict: null });
    assert.deepEqual(disabled, { ok: false, error: 'step 0: "count 0" is not enabled' });
  });

  it("replays loosely for the shrinker: a step no longer enabled is skipped, and the run stops at its verdict", () => {
    const run = replayRecords(model, ["vote 0 yes", "start", "vote 0 yes", "vote 1 yes", "crash", "learn 0"]);
    assert.deepEqual(run.applied, ["start", "vote 0 yes", "vote 1 yes", "crash"]);
    assert.equal(run.skipped, 2);
    assert.equal(run.verdict?.invariant, "nobody blocked");
  });
});
