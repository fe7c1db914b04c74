/**
 * The view-change timeout (impl/core/participant-timers.ts `viewChangeTicks`): T in view 0 and in any view in
 * which the participant executed something new; 2T in a view installed after its last progress (PBFT §4.5.2);
 * doubled per failed view while changing views, as before. `withProgress` moves `progressView` only when a step
 * executed something new, and never writes it in view 0 (states there fingerprint as before).
 */
import assert from "node:assert/strict";
import type { NewView } from "../../../spec/messages.js";
import { initialParticipant, type ParticipantState } from "../../../impl/core/participant-state.js";
import { viewChangeTicks, withProgress } from "../../../impl/core/participant-timers.js";
import type { Env } from "../../../impl/core/types.js";
import { honestEnv } from "../../support/honest-messages.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const env: Env = honestEnv(1);
const t = env.config.viewChangeTicks;

/** P1 with view `view` installed (an empty NEW-VIEW: only its view number matters here), executed through `seq`. */
function installed(view: number, seq: number, progressView?: number): ParticipantState {
  const newView: NewView = { kind: "NewView", view: asView(view), viewChanges: [], prePrepares: [] };
  const base = { ...initialParticipant(asNodeId(1)), view: asView(view), newView, lastExecuted: asSeq(seq) };
  return progressView === undefined ? base : { ...base, progressView: asView(progressView) };
}

describe("participant timers: the view-change timeout", () => {
  it("is T in view 0", () => {
    assert.equal(viewChangeTicks(initialParticipant(asNodeId(1)), env), t);
  });

  it("is 2T in a view installed after the last one in which the participant executed something new", () => {
    assert.equal(viewChangeTicks(installed(1, 3), env), 2 * t);
    assert.equal(viewChangeTicks(installed(3, 3, 1), env), 2 * t, "once, however many views made no progress");
  });

  it("is T again once the participant executed something new in its installed view", () => {
    assert.equal(viewChangeTicks(installed(2, 3, 2), env), t);
  });

  it("doubles per failed view while changing views, with no extra doubling for the view it left", () => {
    const changing: ParticipantState = { ...installed(1, 3), view: asView(3), status: "view-change" };
    assert.equal(viewChangeTicks(changing, env), 4 * t);
  });
});

describe("participant timers: withProgress", () => {
  it("records the installed view when a step executed something new", () => {
    const after = withProgress(installed(2, 3), installed(2, 4));
    assert.equal(after.progressView, 2);
    assert.equal(viewChangeTicks(after, env), t);
  });

  it("leaves the state as it was when nothing new executed, or when already recorded", () => {
    const before = installed(2, 3);
    const same = installed(2, 3);
    assert.equal(withProgress(before, same), same);
    const recorded = installed(2, 4, 2);
    assert.equal(withProgress(before, recorded), recorded);
  });

  it("never writes the field in view 0", () => {
    const before = initialParticipant(asNodeId(1));
    const after = withProgress(before, { ...before, lastExecuted: asSeq(1) });
    assert.equal("progressView" in after, false);
  });
});
