/**
 * The checker's projection of a participant state onto the global view (global-view-adapter.ts) carries what
 * I3w bounded log judges: without the projection the invariant would judge nothing and a core that keeps its log
 * for ever would pass (draw 9 of the mutation triage: snapshots below h).
 */
import assert from "node:assert/strict";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { participantView, viewFacts } from "../../../checker/model/global-view-adapter.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import type { GlobalView } from "../../../spec/global-view.js";
import { boundedLog } from "../../../spec/invariants/bounded-log.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";

describe("global view adapter", () => {
  const made = makeCheckConfig({});
  assert.ok(made.ok);
  const facts = viewFacts(makeContext(made.config));

  it("projects the lowest snapshot a participant keeps, and none when it keeps none", () => {
    const p = initialParticipant(asNodeId(0));
    assert.equal(participantView(p, facts).lowestSnapshot, undefined);
    const snapshots = [1, 2].map((seq) => ({ seq: asSeq(seq), replica: p.replica }));
    const view = participantView({ ...p, lowWatermark: asSeq(2), snapshots }, facts);
    assert.equal(view.lowestSnapshot, 1);
    const world: GlobalView = {
      n: 4, f: 1, windowSize: 4, participants: [view], honestMask: 0b111, provenBy: [], coordinatorHonest: true,
      replies: [], confirmations: [], coordinatorLowWatermark: asSeq(0), submitted: [], viewChanged: false,
    };
    assert.equal(boundedLog.check(world), "P0 holds a snapshot for seq 1 below its low watermark 2");
  });
});
