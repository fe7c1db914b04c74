/**
 * Which confirmations the coordinator keeps (impl/core/coordinator-confirmations.ts): one for a seq in its window
 * (h, h + W], or a signer's first for a txn it still awaits; nothing else, so a faulty signer cannot grow its
 * durable state. n = 4, f = 1: W = 4.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Confirm, Signed } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { keepsConfirmation, prunedConfirmations } from "../../../impl/core/coordinator-confirmations.js";
import { initialCoordinator, type CoordinatorState } from "../../../impl/core/coordinator-state.js";
import { honestEnv } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const env = honestEnv(1);
const W = env.config.windowSize;
const confirm = (signer: number, seq: number, txn: string): Signed<Confirm> =>
  signAs(asNodeId(signer), { kind: "Confirm", seq: asSeq(seq), txn, outcome: "commit", replicaDigest: asDigest("r") });
const coordinator = (low: number, awaiting: string[], confirmations: Signed<Confirm>[] = []): CoordinatorState =>
  ({ ...initialCoordinator(asNodeId(4)), lowWatermark: asSeq(low), awaiting, confirmations });

describe("keepsConfirmation (impl/core/coordinator-confirmations.ts)", () => {
  it("keeps every confirmation for a seq in the window, awaited or not", () => {
    fc.assert(fc.property(fc.nat({ max: 8 }), fc.integer({ min: 1, max: W }), fc.nat({ max: 3 }),
      (low, offset, signer) => {
        assert.ok(keepsConfirmation(coordinator(low, []), confirm(signer, low + offset, "t9"), env));
      }));
  });

  it("refuses one outside the window for a txn it does not await: at or below h, or above h + W", () => {
    fc.assert(fc.property(fc.nat({ max: 8 }), fc.nat({ max: 3 }), (low, signer) => {
      const state = coordinator(low, ["t1"]);
      assert.equal(keepsConfirmation(state, confirm(signer, low, "t9"), env), false);
      assert.equal(keepsConfirmation(state, confirm(signer, low + W + 1, "t9"), env), false);
    }));
  });

  it("keeps a signer's first confirmation of an awaited txn above the window, and refuses its second", () => {
    const first = confirm(1, W + 3, "t1");
    assert.ok(keepsConfirmation(coordinator(0, ["t1"]), first, env));
    assert.equal(keepsConfirmation(coordinator(0, ["t1"], [first]), confirm(1, W + 5, "t1"), env), false);
    assert.ok(keepsConfirmation(coordinator(0, ["t1"], [first]), confirm(2, W + 5, "t1"), env), "another signer");
  });
});

describe("prunedConfirmations (impl/core/coordinator-confirmations.ts)", () => {
  it("keeps the same array when everything still matters", () => {
    const kept = [confirm(0, 1, "t1"), confirm(1, 2, "t2")];
    const state = coordinator(0, [], kept);
    assert.equal(prunedConfirmations(state, env), kept);
  });

  it("drops what the moved window and the replied txns no longer need, keeping each awaited signer's first", () => {
    const all = [confirm(0, 1, "t1"), confirm(0, 2, "t2"), confirm(1, 2, "t2"), confirm(1, 6, "t3")];
    const state = coordinator(2, ["t2"], all);
    assert.deepEqual(prunedConfirmations(state, env), [confirm(0, 2, "t2"), confirm(1, 2, "t2"), confirm(1, 6, "t3")]);
  });
});
