/** The signature bound of the net benchmark (bench/signature-bound.ts): its counts and which limit binds. */
import assert from "node:assert/strict";
import { signatureBound, signatureWork } from "../../bench/signature-bound.js";

describe("signature bound", () => {
  it("counts a participant's and the coordinator's Ed25519 work per txn", () => {
    // n = 4, K = 4: what the runtime audit (issue 15) counted for the busiest participant, 3.25 signs and ~9 verifies.
    assert.deepEqual(signatureWork(4, 4), {
      participant: { signs: 3.25, verifies: 8.75 }, coordinator: { signs: 1, verifies: 6 },
    });
    assert.deepEqual(signatureWork(7, 1).participant, { signs: 4, verifies: 20 });
  });

  it("shares a seq's signatures among a batch's txns, its one confirmation too; requests stay per txn", () => {
    // n = 4, K = 4, batches of 4: PREPARE, COMMIT, the confirmation and 1/4 CHECKPOINT signed per seq.
    assert.deepEqual(signatureWork(4, 4, 4), {
      participant: { signs: 3.25 / 4, verifies: 1 + 7.75 / 4 }, coordinator: { signs: 0.25, verifies: 1 + 5 / 4 },
    });
    assert.deepEqual(signatureWork(4, 4, 1), signatureWork(4, 4));
  });

  it("is the busiest node's limit with a core each, the cluster's when cores are scarce", () => {
    const rates = { signPerSecond: 1_000, verifyPerSecond: 1_000 };
    const plenty = signatureBound(4, 4, rates, 64);
    assert.equal(plenty.txnPerSecond, 1 / plenty.busiestSeconds);
    assert.equal(plenty.busiestSeconds, 0.012); // 3.25 + 8.75 operations at 1 ms
    const two = signatureBound(4, 4, rates, 2);
    assert.equal(two.clusterSeconds, 4 * 0.012 + 0.007);
    assert.equal(two.txnPerSecond, 2 / two.clusterSeconds);
  });
});
