/** I4 consistency (spec/invariants/consistency.ts) on hand-built global views. */
import assert from "node:assert/strict";
import { consistency } from "../../../spec/invariants/consistency.js";
import { participant, view } from "../../support/global-views.js";
import { asSeq } from "../../../spec/ids.js";

describe("I4 consistency", () => {
  it("holds when replicas executed through the same seq hold equal data, and different seqs may differ", () => {
    const g = view({ participants: [participant(0, [], { lastExecuted: asSeq(2), replicaKey: "a" }),
      participant(1, [], { lastExecuted: asSeq(2), replicaKey: "a" }),
      participant(2, [], { lastExecuted: asSeq(1), replicaKey: "b" })] });
    assert.equal(consistency.check(g), null);
  });

  it("fails when two replicas executed through one seq hold different data", () => {
    const g = view({ participants: [participant(0, [], { lastExecuted: asSeq(2), replicaKey: "a" }),
      participant(2, [], { lastExecuted: asSeq(2), replicaKey: "b" })] });
    assert.equal(consistency.check(g), "P0 and P2 executed through seq 2 but hold different data");
  });
});
