/**
 * The forged STATE-REPLY (checker/adversary-state-reply.ts): a real proof of Q
 * CHECKPOINTs, completed with the faulty node's own signature, on a wrong replica.
 * The core must reject it on the digest check alone, and prove its sender.
 */
import assert from "node:assert/strict";
import type { Checkpoint, Signed } from "../../spec/messages.js";
import { makeCheckConfig } from "../../checker/check-config.js";
import { makeContext } from "../../checker/context.js";
import { forgedStateReplies } from "../../checker/adversary-state-reply.js";
import { makeEnvelope } from "../../checker/routed-step.js";
import { signAs } from "../../checker/symbolic-crypto.js";
import { emptyReplica } from "../../impl/core/replica.js";
import { provenDigest } from "../../impl/core/checkpoint-log.js";
import { onStateReply } from "../../impl/core/state-transfer.js";
import { initialParticipant } from "../../impl/core/participant-state.js";

describe("forged STATE-REPLY", () => {
  const made = makeCheckConfig({ protocol: { checkpointInterval: 1 } });
  if (!made.ok) throw new Error(made.error);
  const ctx = makeContext(made.config);
  const checkpoint = (signer: number, stateDigest: string): Signed<Checkpoint> => signAs(signer, { kind: "Checkpoint", seq: 1, stateDigest });
  const known = (...cs: Signed<Checkpoint>[]) => cs.map((c) => makeEnvelope(ctx, c.signer, 3, c));

  it("completes two honest CHECKPOINTs with its own signature into a proof the core accepts", () => {
    const [reply, ...more] = forgedStateReplies(known(checkpoint(0, "d1"), checkpoint(1, "d1")), 3, ctx.env);
    assert.equal(more.length, 0);
    assert.ok(reply !== undefined);
    assert.deepEqual(reply.proof.map((c) => c.signer), [0, 1, 3]);
    assert.equal(provenDigest(1, reply.proof, ctx.env), "d1");
    assert.deepEqual(reply.replica, emptyReplica);
  });

  it("forges nothing from one honest CHECKPOINT, or from checkpoints that disagree", () => {
    assert.deepEqual(forgedStateReplies(known(checkpoint(0, "d1")), 3, ctx.env), []);
    assert.deepEqual(forgedStateReplies(known(checkpoint(0, "d1"), checkpoint(1, "d2")), 3, ctx.env), []);
  });

  it("is rejected by an honest laggard, which proves its sender faulty", () => {
    const [reply] = forgedStateReplies(known(checkpoint(0, "d1"), checkpoint(1, "d1")), 3, ctx.env);
    assert.ok(reply !== undefined);
    const result = onStateReply(initialParticipant(2), signAs(3, reply), ctx.env);
    assert.equal(result.state.lastExecuted, 0);
    assert.equal(result.state.proven, 1 << 3);
  });
});
