/** I10g batches gathered (spec/invariants/batches-gathered.ts) on hand-built delivery steps. */
import assert from "node:assert/strict";
import { batchesGathered } from "../../../spec/invariants/batches-gathered.js";
import type { RelayProposals } from "../../../spec/transition-view.js";
import { delivery } from "../../support/delivery-views.js";
import { asSeq } from "../../../spec/ids.js";

/** Batches of two: the leader had executed through `lastExecuted` and proposed `batches` ([seq, txns]). */
const proposals = (lastExecuted: number, ...batches: [seq: number, txns: number][]): RelayProposals => ({
  batchSize: 2, lastExecuted: asSeq(lastExecuted), proposed: batches.map(([seq, txns]) => ({ seq: asSeq(seq), txns })),
});

describe("batches gathered (I10g)", () => {
  it("judges nothing when a batching leader proposed nothing on a relayed Request", () => {
    assert.equal(batchesGathered.check(delivery()), null);
  });

  it("holds for full batches anywhere and a partial one right after the last executed seq", () => {
    assert.equal(batchesGathered.check(delivery({ relayProposals: proposals(0, [1, 2], [2, 2]) })), null);
    assert.equal(batchesGathered.check(delivery({ relayProposals: proposals(3, [4, 1]) })), null);
  });

  it("names a partial batch proposed while an earlier slot has not executed", () => {
    assert.equal(batchesGathered.check(delivery({ relayProposals: proposals(0, [2, 1]) })),
      "P2 leads its view with batches of 2 and, on the coordinator's Request, proposed 1 txn(s) at s2 while s1 has " +
      "not executed there: a partial batch waits for its earlier slots");
  });
});
