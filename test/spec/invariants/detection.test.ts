/** I5 detection accuracy (spec/invariants/detection.ts) on hand-built global views. */
import assert from "node:assert/strict";
import { detectionAccuracy } from "../../../spec/invariants/detection.js";
import { view } from "../../support/global-views.js";
import { asNodeId } from "../../../spec/ids.js";

describe("I5 detection accuracy", () => {
  it("holds when honest nodes hold proof only against the faulty P3", () => {
    const provenBy = [{ by: asNodeId(0), proven: 0b1000 }, { by: asNodeId(4), proven: 0b1000 }];
    assert.equal(detectionAccuracy.check(view({ provenBy })), null);
  });

  it("fails when an honest node holds proof against an honest one", () => {
    const g = view({ provenBy: [{ by: asNodeId(0), proven: 0b1010 }] });
    assert.equal(detectionAccuracy.check(g), "node 0 holds proof against honest node(s) 10 (bitmask)");
  });
});
