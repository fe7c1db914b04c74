/**
 * The window (impl/core/window.ts, PBFT §4.2-4.3): a seq is acceptable only in (h, h + W],
 * and h moves only on a stable checkpoint whose proof anyone can re-check; moving it on
 * anything less is a bug in byzcommit, which the core asserts against.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { AssertionFailure } from "../../../impl/core/assert.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { inWindow, moveWindow } from "../../../impl/core/window.js";
import { forgeAs, signAs } from "../../../checker/model/symbolic-crypto.js";
import { checkpointProof, honestEnv } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const arb = fc.record({ f: fc.constantFrom(1, 2), rounds: fc.integer({ min: 1, max: 3 }), low: fc.nat({ max: 2 }) });

describe("window (impl/core/window.ts)", () => {
  it("accepts exactly the seqs in (h, h + W]", () => {
    fc.assert(fc.property(arb, fc.integer({ min: -2, max: 40 }), ({ f, low }, seq) => {
      const env = honestEnv(f);
      const h = low * env.config.checkpointInterval;
      assert.equal(inWindow(asSeq(h), asSeq(seq), env), seq > h && seq <= h + env.config.windowSize);
    }));
  });

  it("moves to every honest stable checkpoint above h and drops the logs it covers", () => {
    fc.assert(fc.property(arb, ({ f, rounds }) => {
      const env = honestEnv(f);
      const seq = rounds * env.config.checkpointInterval;
      const moved = moveWindow(initialParticipant(asNodeId(0)), { seq: asSeq(seq), proof: checkpointProof(env,
              asSeq(seq), asDigest("d")) }, env);
      assert.equal(moved.lowWatermark, seq);
      assert.equal(moved.stableProof.length, env.config.quorum);
    }));
  });

  it("asserts against a move on a proof one signature short, or with a forged signature", () => {
    fc.assert(fc.property(arb, ({ f, rounds }) => {
      const env = honestEnv(f);
      const seq = asSeq(rounds * env.config.checkpointInterval);
      const proof = checkpointProof(env, seq, asDigest("d"));
      const short = { seq, proof: proof.slice(1) };
      assert.throws(() => moveWindow(initialParticipant(asNodeId(0)), short, env), AssertionFailure);
      const checkpoint = { kind: "Checkpoint" as const, seq, stateDigest: asDigest("d") };
      const forged = { seq, proof: [forgeAs(asNodeId(0), asNodeId(9), checkpoint), ...proof.slice(1)] };
      assert.throws(() => moveWindow(initialParticipant(asNodeId(0)), forged, env), AssertionFailure);
      const mixed = { seq, proof: [signAs(asNodeId(0), { ...checkpoint, stateDigest: asDigest("e") }),
            ...proof.slice(1)] };
      assert.throws(() => moveWindow(initialParticipant(asNodeId(0)), mixed, env), AssertionFailure);
    }));
  });
});
