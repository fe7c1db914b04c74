import assert from "node:assert/strict";
import fc from "fast-check";
import type { ActionRecord } from "../../../spec/trace.js";
import { actionClass, nodeSwitches } from "../../../checker/model/action-class.js";
import { runRecords } from "../../../checker/trace/run-records.js";
import { describeShrink, shrinkAndDescribe, traceFromRecords } from "../../../checker/trace/shrink-describe.js";
import { shrinkTrace, violatesOnReplay, type StillViolates } from "../../../checker/trace/shrink.js";
import { paddedRecords, plantedContext, plantedRecords } from "../../support/planted-agreement.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

/** Distinct synthetic records of every class, for judges that only look at which records are present. */
function synthetic(i: number): ActionRecord {
  switch (i % 3) {
    case 0: return { kind: "fire", node: asNodeId(i % 4), timer: "resend" };
    case 1: {
      const body = { kind: "Prepare", view: asView(0), seq: asSeq(i), digest: asDigest("d") } as const;
      return { kind: "byzantine", from: asNodeId(3), to: asNodeId(i % 3), body };
    }
    default: {
      const body = { kind: "Commit", view: asView(0), seq: asSeq(i), digest: asDigest("d") } as const;
      const message = { body, signer: asNodeId(0), signature: "sig:0" };
      return { kind: "deliver", from: asNodeId(0), to: asNodeId(1 + (i % 2)), message };
    }
  }
}

/** Violates `invariant` exactly when every one of `cause` is among the records, in any order. */
function needs(cause: readonly ActionRecord[], invariant = "agreement"): StillViolates {
  return (records) =>
    (cause.every((c) => records.includes(c)) ? { invariant, message: `${cause.length} causes present` } : null);
}

describe("shrinkTrace", () => {
  const ctx = plantedContext();

  it("removes every step the violation does not need (1-minimal), whatever the causes", () => {
    const picksArb = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), picksArb, (length, picks) => {
      const records = Array.from({ length }, (_, i) => synthetic(i));
      const cause = [...new Set(picks.map((p) => records[p % length] as ActionRecord))];
      const result = shrinkTrace(ctx, records, needs(cause));
      assert.equal(result.records.length, cause.length);
      assert.ok(cause.every((c) => result.records.includes(c)));
      assert.equal(result.removed.byzantine + result.removed.faults + result.removed.steps, length - cause.length);
      assert.equal(result.minimal, true);
    }));
  });

  it("keeps the same invariant: a smaller run that violates another one is not taken", () => {
    const records = Array.from({ length: 8 }, (_, i) => synthetic(i));
    const [x, y] = [records[2] as ActionRecord, records[5] as ActionRecord];
    // With x alone the run violates validity; agreement needs x and y.
    const judge: StillViolates = (rs) => {
      if (!rs.includes(x)) return null;
      return rs.includes(y) ? { invariant: "agreement", message: "x and y" } : { invariant: "validity", message: "x" };
    };
    const result = shrinkTrace(ctx, records, judge);
    assert.deepEqual(result.records, [x, y]);
    assert.equal(result.violation.invariant, "agreement");
  });

  it("removes Byzantine moves and faults before ordinary steps when either would do", () => {
    const records = Array.from({ length: 6 }, (_, i) => synthetic(i)); // fire, byzantine, deliver, ...
    // Any delivery or any timer firing alone violates: a 1-step result either way, and the delivery should stay.
    const judge: StillViolates = (rs) =>
      (rs.some((r) => r.kind === "deliver" || r.kind === "fire") ? { invariant: "agreement", message: "" } : null);
    const result = shrinkTrace(ctx, records, judge);
    assert.equal(result.records.length, 1);
    assert.equal(actionClass(result.records[0] as ActionRecord), "step");
  });

  it("groups steps on the same node when the order does not matter", () => {
    const onNode = (node: number, seq: number): ActionRecord =>
      ({ kind: "fire", node: asNodeId(node), timer: seq === 0 ? "resend" : "view-change" });
    const records = [onNode(0, 0), onNode(1, 0), onNode(0, 1), onNode(1, 1)];
    const result = shrinkTrace(ctx, records, needs(records));
    assert.equal(nodeSwitches(records), 3);
    assert.equal(result.switches.after, 1);
    assert.equal(nodeSwitches(result.records), 1);
  });

  it("stops at attemptsMax and says the result may not be minimal", () => {
    const records = Array.from({ length: 20 }, (_, i) => synthetic(i));
    const result = shrinkTrace(ctx, records, needs([records[7] as ActionRecord]), { attemptsMax: 3 });
    assert.equal(result.minimal, false);
    assert.ok(result.attempts <= 3);
  });

  it("refuses records that violate nothing", () => {
    assert.throws(() => shrinkTrace(ctx, [synthetic(0)], () => null), /do not violate/);
  });

  it("shrinks a real counterexample by replay: still agreement, shorter, 1-minimal, replays exactly", () => {
    const padded = paddedRecords(ctx);
    assert.equal(runRecords(ctx, padded).violation?.invariant, "agreement");
    const result = shrinkTrace(ctx, padded);
    assert.equal(result.violation.invariant, "agreement");
    assert.equal(result.records.length, plantedRecords(ctx).length);
    assert.equal(result.removed.byzantine, padded.length - result.records.length);
    const judge = violatesOnReplay(ctx);
    for (let i = 0; i < result.records.length; i++) {
      const fewer = result.records.filter((_, j) => j !== i);
      assert.notEqual(judge(fewer)?.invariant, "agreement", `step ${i + 1} could still be removed`);
    }
    assert.ok(nodeSwitches(result.records) <= nodeSwitches(padded));
    assert.doesNotThrow(() =>
      traceFromRecords(ctx, result.records, { mode: "bfs", seed: null, violation: result.violation }));
  });

  it("skips steps no longer enabled when judging a candidate, and reports only the steps that ran", () => {
    const records = plantedRecords(ctx);
    // Without C's pre-prepare to P0, P3's commit to P0 still arrives but P0 never decides: no violation.
    const run = runRecords(ctx, records.filter((_, i) => i !== 2));
    assert.equal(run.violation, null);
    assert.equal(run.applied.length + run.skipped, records.length - 1);
  });

  it("describes what it removed, and rebuilds the trace (shrinkAndDescribe)", () => {
    const padded = paddedRecords(ctx);
    const trace = traceFromRecords(ctx, padded,
      { mode: "random", seed: 7, violation: { invariant: "agreement", message: "" } });
    const shrunk = shrinkAndDescribe(ctx, trace);
    assert.equal(shrunk.trace.actions.length, 6);
    assert.equal(shrunk.trace.fingerprints.length, 6);
    assert.equal(shrunk.trace.seed, 7);
    assert.equal(shrunk.trace.violation?.invariant, "agreement");
    const summary = new RegExp("^shrunk 11 -> 6 steps: removed 5 Byzantine moves, 0 faults, 0 other steps; "
      + "node switches \\d+ -> \\d+ \\(1-minimal, \\d+ replays\\)$");
    assert.match(shrunk.summary, summary);
    assert.equal(shrunk.summary, describeShrink(shrunk.result!));
  });
});
