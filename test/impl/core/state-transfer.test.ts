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
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";
import type { NodeId, Seq } from "../../../spec/ids.js";

const checkpoint = (signer: NodeId, seq: Seq): Signed<Checkpoint> =>
  signAs(asNodeId(signer), { kind: "Checkpoint", seq, stateDigest: asDigest("d") });

/** P0 holding the stable checkpoint at `seq`, proven by P0, P1 and P2. */
function holding(seq: Seq): { state: ParticipantState; reply: StateReply } {
  const state: ParticipantState = {
    ...initialParticipant(asNodeId(0)), lowWatermark: asSeq(seq), lastExecuted: asSeq(seq),
    stableProof: [0, 1, 2].map((s) => checkpoint(asNodeId(s), seq)), snapshots: [{ seq: asSeq(seq), replica:
          emptyReplica }],
  };
  const reply = stateReply(state);
  assert.ok(reply !== null);
  return { state, reply };
}

const sends = (out: readonly { kind: string }[]): number => out.filter((o) => o.kind === "Send").length;

describe("state transfer: serveState", () => {
  it("answers a requester once per stable checkpoint, and again at a later one", () => {
    const { state, reply } = holding(asSeq(2));
    const first = serveState(state, asNodeId(3), reply);
    assert.equal(sends(first.out), 1);
    assert.equal(sends(serveState(first.state, asNodeId(3), reply).out), 0);
    const later = holding(asSeq(4));
    const moved = { ...later.state, stateServed: first.state.stateServed };
    assert.equal(sends(serveState(moved, asNodeId(3), later.reply).out), 1);
  });

  it("never answers a signer of the checkpoint, one whose CHECKPOINT is above it, or itself", () => {
    const { state, reply } = holding(asSeq(2));
    assert.equal(sends(serveState(state, asNodeId(1), reply).out), 0);
    assert.equal(sends(serveState({ ...state, checkpoints: [checkpoint(asNodeId(3), asSeq(4))] }, asNodeId(3),
            reply).out), 0);
    assert.equal(sends(serveState(state, asNodeId(0), reply).out), 0);
  });

  it("keeps one record per requester, sorted", () => {
    const { state, reply } = holding(asSeq(2));
    const both = serveState(serveState(state, asNodeId(3), reply).state, asNodeId(3), reply);
    assert.deepEqual(both.state.stateServed, [{ to: 3, seq: 2 }]);
  });
});
