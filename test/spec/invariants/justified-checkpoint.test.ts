/**
 * Justified stable checkpoint (I10c) (spec/invariants/justified-checkpoint.ts)
 * on hand-built retained state of one honest participant, signed with the checker's symbolic signatures,
 * judged by the independent rules.
 */
import assert from "node:assert/strict";
import { justifiedCheckpoint } from "../../../spec/invariants/justified-checkpoint.js";
import { checkpoint, held, viewOf } from "../../support/held-states.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

describe("I10c justified stable checkpoint", () => {
  it("holds at h = 0 with no proof, and at h = 2 with Q matching CHECKPOINTs", () => {
    assert.equal(justifiedCheckpoint.check(viewOf(held())), null);
    const proof = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1)), checkpoint(asSeq(2),
          asNodeId(2))];
    assert.equal(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: proof }))), null);
  });

  it("names a window moved on f+1 CHECKPOINTs, or on ones with two digests", () => {
    const short = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1))];
    assert.equal(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: short }))),
      "P0 moved its window to s2 on a proof of 2 CHECKPOINTs that does not prove it");
    const mixed = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1)), checkpoint(asSeq(2),
          asNodeId(2), asDigest("e"))];
    assert.notEqual(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: mixed }))), null);
  });
});
