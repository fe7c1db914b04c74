/**
 * Execution at a participant (impl/core/participant-execute.ts): slots run in seq order, each
 * executed txn is on record at its seq, and a seq that commits again after a NEW-VIEW carries
 * the txn that executed there (the core's own paired assertions).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { PrePrepare, Proposal } from "../../../spec/messages.js";
import { clientId } from "../../../spec/config.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { AssertionFailure } from "../../../impl/core/assert.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import { assertRecommitted, executeReady } from "../../../impl/core/participant-execute.js";
import { emptySlot, initialParticipant, type ParticipantState } from "../../../impl/core/participant-state.js";
import { honestEnv, txn } from "../../support/honest-messages.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const env = honestEnv(1);
const proposal = (id: string): Proposal => ({ request: signAs(clientId(env.config), txn(id)), flag: "commit" });
const prePrepare = (seq: number, p: Proposal | null, view = 0): PrePrepare =>
  ({ kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: proposalDigest(p, env), proposal: p });

/** Participant 0 with slots 1..count committed in view 0, each carrying t<seq> (null where `nulls` says). */
function committed(count: number, nulls: ReadonlySet<number> = new Set()): ParticipantState {
  const slots = Array.from({ length: count }, (_, i) => {
    const seq = i + 1;
    const p = nulls.has(seq) ? null : proposal(`t${seq}`);
    return { ...emptySlot(asSeq(seq), 4), phase: "committed" as const, prePrepare: signAs(asNodeId(4), prePrepare(seq,
            p)) };
  });
  return { ...initialParticipant(asNodeId(0)), slots };
}

const runArb = fc.record({
  count: fc.integer({ min: 1, max: 4 }), nulls: fc.uniqueArray(fc.integer({ min: 1, max: 4 })),
});

describe("executeReady (impl/core/participant-execute.ts)", () => {
  it("executes committed slots in seq order and records each txn at its seq", () => {
    fc.assert(fc.property(runArb, ({ count, nulls }) => {
      const run = executeReady(committed(count, new Set(nulls)), env);
      assert.equal(run.state.lastExecuted, count);
      const decided = run.out.flatMap((o) => (o.kind === "Decide" ? [o.seq] : []));
      assert.deepEqual(decided, Array.from({ length: count }, (_, i) => i + 1));
      for (const o of run.state.replica.outcomes) assert.equal(o.txn, `t${o.seq}`);
    }));
  });

  it("accepts a re-commit of an executed seq with the txn that executed there, or of a seq executed as null", () => {
    fc.assert(fc.property(runArb, ({ count, nulls }) => {
      const state = executeReady(committed(count, new Set(nulls)), env).state;
      for (let seq = 1; seq <= count; seq++) {
        const again = nulls.includes(seq) ? null : proposal(`t${seq}`);
        assert.doesNotThrow(() => assertRecommitted(state, prePrepare(seq, again, 1)));
      }
    }));
  });

  it("asserts against a re-commit of an executed seq with another txn, or with null", () => {
    const state = executeReady(committed(2), env).state;
    assert.throws(() => assertRecommitted(state, prePrepare(1, proposal("t9"), 1)), AssertionFailure);
    const message = /commits s2 again with null, but executed t2/;
    assert.throws(() => assertRecommitted(state, prePrepare(2, null, 1)), message);
  });
});
