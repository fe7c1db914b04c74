/**
 * serveState (impl/core/state-transfer.ts): a whole replica goes to a requester only
 * when it may lack it, and once per (requester, stable checkpoint).
 */
import assert from "node:assert/strict";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { initialParticipant, type ParticipantState } from "../../../impl/core/participant-state.js";
import { emptyReplica } from "../../../impl/core/replica.js";
import { serveState, stateReply } from "../../../impl/core/state-transfer.js";
import type { Checkpoint, Signed, StateReply } from "../../../spec/messages.js";

const checkpoint = (signer: number, seq: number): Signed<Checkpoint> =>
  signAs(signer, { kind: "Checkpoint", seq, stateDigest: "d" });

/** P0 holding the stable checkpoint at `seq`, proven by P0, P1 and P2. */
function holding(seq: number): { state: ParticipantState; reply: StateReply } {
  const state: ParticipantState = {
    ...initialParticipant(0), lowWatermark: seq, lastExecuted: seq,
    stableProof: [0, 1, 2].map((s) => checkpoint(s, seq)), snapshots: [{ seq, replica: emptyReplica }],
  };
  const reply = stateReply(state);
  assert.ok(reply !== null);
  return { state, reply };
}

const sends = (out: readonly { kind: string }[]): number => out.filter((o) => o.kind === "Send").length;

describe("state transfer: serveState", () => {
  it("answers a requester once per stable checkpoint, and again at a later one", () => {
    const { state, reply } = holding(2);
    const first = serveState(state, 3, reply);
    assert.equal(sends(first.out), 1);
    assert.equal(sends(serveState(first.state, 3, reply).out), 0);
    const later = holding(4);
    const moved = { ...later.state, stateServed: first.state.stateServed };
    assert.equal(sends(serveState(moved, 3, later.reply).out), 1);
  });

  it("never answers a signer of the checkpoint, one whose CHECKPOINT is above it, or itself", () => {
    const { state, reply } = holding(2);
    assert.equal(sends(serveState(state, 1, reply).out), 0);
    assert.equal(sends(serveState({ ...state, checkpoints: [checkpoint(3, 4)] }, 3, reply).out), 0);
    assert.equal(sends(serveState(state, 0, reply).out), 0);
  });

  it("keeps one record per requester, sorted", () => {
    const { state, reply } = holding(2);
    const both = serveState(serveState(state, 3, reply).state, 3, reply);
    assert.deepEqual(both.state.stateServed, [{ to: 3, seq: 2 }]);
  });
});
