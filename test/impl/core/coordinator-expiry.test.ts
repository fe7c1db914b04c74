/**
 * The coordinator's side of the at-most-once contract (impl/core/coordinator-expiry.ts): a reply goes once the
 * window passes its txn's expiry, a resubmission of such a txn is refused (it could execute nowhere), and a queued
 * txn is dropped rather than proposed at a seq past its expiry. n = 4, f = 1.
 */
import assert from "node:assert/strict";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { clientId } from "../../../spec/config.js";
import { step } from "../../../impl/core/step.js";
import { initialCoordinator, type CoordinatorState } from "../../../impl/core/coordinator-state.js";
import { withoutExpired } from "../../../impl/core/coordinator-expiry.js";
import { honestEnv, txn } from "../../support/honest-messages.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";
import type { Txn } from "../../../spec/messages.js";

const env = honestEnv(1);
const c0 = initialCoordinator(asNodeId(4));
const submit = (state: CoordinatorState, body: Txn) => step(state,
  { kind: "Submit", request: signAs(clientId(env.config), body), flag: "commit" }, env);

describe("the coordinator and expiring txns (impl/core/coordinator-expiry.ts)", () => {
  it("prunes a reply once the window is at or past its expiry; a reply without one stays", () => {
    const state: CoordinatorState = { ...c0, replies: [
      { txn: "a", outcome: "commit", expires: 3 }, { txn: "b", outcome: "abort", expires: 4 },
      { txn: "c", outcome: "commit" },
    ] };
    assert.deepEqual(withoutExpired(state, asSeq(3)).replies.map((r) => r.txn), ["b", "c"]);
    assert.deepEqual(withoutExpired(state, asSeq(99)).replies.map((r) => r.txn), ["c"]);
    assert.equal(withoutExpired(state, asSeq(2)), state, "nothing expired: the same state");
  });

  it("refuses a submission its window passed the expiry of, and proposes one still in time", () => {
    const moved: CoordinatorState = { ...c0, lowWatermark: asSeq(4), nextSeq: asSeq(5) };
    const late = submit(moved, { ...txn("t1"), expires: 4 });
    assert.equal(late.state, moved);
    assert.deepEqual(late.out, []);
    const inTime = submit(moved, { ...txn("t1"), expires: 5 });
    assert.ok(inTime.out.some((o) => o.kind === "Send" && o.message.kind === "PrePrepare" && o.message.seq === 5));
  });

  it("drops a queued txn, and stops awaiting it, rather than propose it at a seq past its expiry", () => {
    const full: CoordinatorState = { ...c0, nextSeq: asSeq(1 + env.config.windowSize) };
    const queued = submit(full, { ...txn("t1"), expires: 5 }).state;
    assert.ok(queued.role === "coordinator");
    assert.deepEqual(queued.awaiting, ["t1"], "queued while the window is full");
    // Room again, but the next seq is 6 (another view used 5): t1 may no longer execute anywhere it could go.
    const later: CoordinatorState = { ...queued, lowWatermark: asSeq(4), nextSeq: asSeq(6) };
    const left = submit(later, txn("t2"));
    assert.ok(left.state.role === "coordinator");
    assert.deepEqual(left.state.queue, []);
    assert.deepEqual(left.state.awaiting, ["t2"]);
    const proposed = left.out.flatMap((o) => (o.kind === "Send" && o.message.kind === "PrePrepare" ? [o.message] : []));
    assert.deepEqual([...new Set(proposed.map((p) => `${p.seq} ${p.proposal?.request.body.id}`))], ["6 t2"]);
  });
});
