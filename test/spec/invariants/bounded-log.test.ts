/** The bounded-log invariant (spec/invariants/bounded-log.ts) on hand-built global views. */
import assert from "node:assert/strict";
import type { GlobalView, ParticipantView } from "../../../spec/global-view.js";
import { boundedLog } from "../../../spec/invariants/bounded-log.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";

const participant = (id: number, lowWatermark: number, highestPrePrepared: number): ParticipantView =>
  ({ id: asNodeId(id), view: 0, lastExecuted: asSeq(lowWatermark), outcomes: [], replicaKey: "r", lowWatermark:
        asSeq(lowWatermark), highestPrePrepared: asSeq(highestPrePrepared),
    entries: [], executedFlags: [], prePrepares: [] });

const world = (windowSize: number, participants: ParticipantView[]): GlobalView => ({
  n: 4, f: 1, windowSize, participants, honestMask: 0b111, provenBy: [], coordinatorHonest: true,
  replies: [], confirmations: [], coordinatorLowWatermark: asSeq(0), submitted: [], viewChanged: false,
});

describe("bounded log", () => {
  it("holds a prepared certificate at h or above, and names one below h", () => {
    const at = { ...participant(0, 2, 4), lowestPrepared: asSeq(2) };
    assert.equal(boundedLog.check(world(4, [at])), null);
    assert.equal(boundedLog.check(world(4, [{ ...at, lowestPrepared: asSeq(1) }])),
      "P0 holds a prepared certificate for seq 1 below its low watermark 2");
  });

  it("holds a snapshot at h or above, and names one below h", () => {
    const at = { ...participant(0, 2, 4), lowestSnapshot: asSeq(2) };
    assert.equal(boundedLog.check(world(4, [at])), null);
    assert.equal(boundedLog.check(world(4, [{ ...at, lowestSnapshot: asSeq(0) }])),
      "P0 holds a snapshot for seq 0 below its low watermark 2");
  });

  it("holds while every pre-prepare is at or below h + W", () => {
    assert.equal(boundedLog.check(world(4, [participant(0, 0, 4), participant(1, 2, 6), participant(2, 0, 0)])), null);
  });

  it("names the participant and seq above its high watermark", () => {
    assert.equal(boundedLog.check(world(4, [participant(0, 0, 4), participant(1, 2, 7)])),
      "P1 holds a pre-prepare for seq 7 above its high watermark 6 (h=2, W=4)");
  });
});
