/**
 * The coordinator prunes settled proposals (impl/core/coordinator-recovery.ts, `withLowWatermark`): once its
 * stable checkpoint is at or past a proposal's seq, the proposal goes when each of its txns has a reply or
 * expired by that checkpoint, unreplied or not, and the expired unreplied ones are awaited no more; nothing reads
 * it afterwards (resends, a later reply, the re-queueing after a view change). A proposal with an unexpired
 * unreplied txn stays, as the NEW-VIEW may need to put it back. n = 4, f = 1, W = 4, K = 2, batches of 2.
 */
import assert from "node:assert/strict";
import type { Checkpoint, Confirm, NewView, Signed, SignedMessage, Txn } from "../../../spec/messages.js";
import { batchTxnIds } from "../../../spec/batch.js";
import { clientId } from "../../../spec/config.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { buildNewView } from "../../../impl/core/new-view.js";
import { step } from "../../../impl/core/step.js";
import { initialCoordinator, type CoordinatorState } from "../../../impl/core/coordinator-state.js";
import type { Env, Output } from "../../../impl/core/types.js";
import { honestEnv, txn, viewChange } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const env: Env = { ...honestEnv(1), config: { ...honestEnv(1).config, batchSize: 2 } };
const C = asNodeId(4);

function coordinatorOf(result: { readonly state: unknown }): CoordinatorState {
  const s = result.state as CoordinatorState;
  assert.equal(s.role, "coordinator");
  return s;
}
const deliver = (state: CoordinatorState, from: number, message: SignedMessage) =>
  step(state, { kind: "Delivered", from: asNodeId(from), message }, env);
const submit = (state: CoordinatorState, body: Txn, hold: boolean): CoordinatorState => coordinatorOf(step(state,
  { kind: "Submit", request: signAs(clientId(env.config), body), flag: "commit", hold }, env));
const confirm = (signer: number, seq: number, txn: string): Signed<Confirm> =>
  signAs(asNodeId(signer), { kind: "Confirm", seq: asSeq(seq), txn, outcome: "commit", replicaDigest: asDigest("r") });

/** The coordinator after Q participants' CHECKPOINTs for `seq` (so `seq` becomes stable), with its outputs. */
function stableAt(state: CoordinatorState, seq: number): { state: CoordinatorState; out: Output[] } {
  let next = state;
  const out: Output[] = [];
  for (const signer of [0, 1, 2]) {
    const checkpoint: Checkpoint = { kind: "Checkpoint", seq: asSeq(seq), stateDigest: asDigest("c".repeat(16)) };
    const r = deliver(next, signer, signAs(asNodeId(signer), checkpoint));
    next = coordinatorOf(r);
    out.push(...r.out);
  }
  return { state: next, out };
}

/**
 * Proposals: s1 = [a, b] (both expire at 2), s2 = [c, d] (c expires at 2, d never), s3 = [e] (never). a and c get
 * a reply (f+1 = 2 confirmations), b one confirmation only, d and e none.
 */
function proposed(): CoordinatorState {
  let c = initialCoordinator(C);
  c = submit(c, { ...txn("a"), expires: 2 }, true);
  c = submit(c, { ...txn("b"), expires: 2 }, false);
  c = submit(c, { ...txn("c"), expires: 2 }, true);
  c = submit(c, txn("d"), false);
  c = submit(c, txn("e"), false);
  assert.deepEqual(c.proposals.map((p) => batchTxnIds(p)), [["a", "b"], ["c", "d"], ["e"]]);
  for (const [signer, seq, id] of [[0, 1, "a"], [1, 1, "a"], [0, 2, "c"], [1, 2, "c"]] as const) {
    c = coordinatorOf(deliver(c, signer, confirm(signer, seq, id)));
  }
  c = coordinatorOf(deliver(c, 2, confirm(2, 1, "b")));
  assert.deepEqual(c.replies.map((r) => r.txn), ["a", "c"]);
  assert.deepEqual(c.awaiting, ["b", "d", "e"]);
  return c;
}

describe("the coordinator prunes settled proposals (impl/core/coordinator-recovery.ts)", () => {
  it("drops a proposal below the stable checkpoint whose txns replied or expired unreplied, and stops awaiting", () => {
    const moved = stableAt(proposed(), 2).state;
    assert.equal(moved.lowWatermark, 2);
    // s1: a replied, b expired unreplied: gone. s2: d has no reply and no expiry: kept for a NEW-VIEW to put back.
    assert.deepEqual(moved.proposals.map((p) => batchTxnIds(p)), [["c", "d"], ["e"]]);
    assert.deepEqual(moved.awaiting, ["d", "e"]);
    // b's lone confirmation, outside the window for a txn awaited no more, goes with it.
    assert.ok(!moved.confirmations.some((x) => x.body.txn === "b"));
    // a's and c's replies expired at 2 too (coordinator-expiry.ts).
    assert.deepEqual(moved.replies, []);
  });

  it("keeps every proposal below the checkpoint while a txn of it is neither replied nor expired", () => {
    const moved = stableAt(proposed(), 2).state;
    const later = stableAt(moved, 4).state;
    assert.deepEqual(later.proposals.map((p) => batchTxnIds(p)), [["c", "d"], ["e"]]);
    // Once d and e have their replies the next stable checkpoint drops both.
    let replied = later;
    for (const [signer, seq, id] of [[0, 2, "d"], [1, 2, "d"], [0, 3, "e"], [1, 3, "e"]] as const) {
      replied = coordinatorOf(deliver(replied, signer, confirm(signer, seq, id)));
    }
    assert.deepEqual(replied.replies.map((r) => r.txn), ["d", "e"]);
    assert.deepEqual(stableAt(replied, 6).state.proposals, []);
  });

  it("reads a pruned proposal nowhere: no resend, no late reply, nothing re-queued by a NEW-VIEW", () => {
    const moved = stableAt(proposed(), 2).state;
    const resent = step(moved, { kind: "TimerFired", timer: "resend" }, env).out
      .flatMap((o) => (o.kind === "Send" && o.message.kind === "PrePrepare" ? [o.message.seq] : []));
    assert.ok(!resent.includes(asSeq(1)), "s1 is not resent");
    // A late f+1-th confirmation of b: awaited no more and outside the window, so no reply and no record.
    const late = deliver(moved, 0, confirm(0, 1, "b"));
    assert.ok(!late.out.some((o) => o.kind === "Reply"));
    assert.deepEqual(coordinatorOf(late).replies, []);
    // View 1 (P0's) starts from the same checkpoint: only the unsettled d and e go back in the queue, flagged abort.
    const vcs = [0, 1, 2].map((signer) =>
      viewChange(env, asNodeId(signer), { view: asView(1), stableSeq: asSeq(2), preparedSeqs: [], pendingIds: [] }));
    const nv = buildNewView(asView(1), vcs, env) as NewView;
    const followed = coordinatorOf(deliver(moved, 0, signAs(asNodeId(0), nv)));
    assert.deepEqual(followed.queue.map((s) => `${s.request.body.id} ${s.flag}`), ["d abort", "e abort"]);
  });
});
