/**
 * A participant leading a view batches too (participant-lead.ts, `proposeHeld`): the first relayed request
 * goes out at once when none of its slots is executing, later ones are held until a batch is full or the
 * earlier slots executed; batch size 1 proposes each at once, as before.
 */
import assert from "node:assert/strict";
import type { Message, NewView, PrePrepare, Txn } from "../../../spec/messages.js";
import { batchTxnIds } from "../../../spec/batch.js";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { proposeHeld } from "../../../impl/core/participant-lead.js";
import { initialParticipant, type ParticipantState } from "../../../impl/core/participant-state.js";
import { participantStep } from "../../../impl/core/participant-step.js";
import type { Env, Output } from "../../../impl/core/types.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const envOf = (batchSize: number): Env =>
  ({ config: makeProtocolConfig(4, 1, { batchSize }), verify: verifySymbolic, digest: digestSymbolic });
const C = asNodeId(4);
const P0 = asNodeId(0);

/** P0, leader of view 1 (view v is P(v-1)'s), its (empty) NEW-VIEW installed. */
function leader(): ParticipantState {
  const nv: NewView = { kind: "NewView", view: asView(1), viewChanges: [], prePrepares: [] };
  return { ...initialParticipant(P0), view: asView(1), newView: nv };
}

/** The coordinator relays `id` with flag abort (no authority needed); returns P0's state and its PRE-PREPAREs. */
function relay(state: ParticipantState, id: string, env: Env): { state: ParticipantState; batches: string[][] } {
  const txn: Txn = { id, writes: [], reads: [] };
  const request = signAs(clientId(env.config), txn);
  const message = signAs<Message>(C, { kind: "Request", request, flag: "abort" });
  const stepped = participantStep(state, { kind: "Delivered", from: C, message }, env);
  return { state: stepped.state, batches: prePrepares(stepped.out) };
}

/** The batches of the PRE-PREPAREs sent to P1 (one per proposal: they go to every participant). */
const prePrepares = (out: readonly Output[]): string[][] => out.flatMap((o) =>
  o.kind === "Send" && o.to === 1 && o.message.kind === "PrePrepare" ? [batchTxnIds(o.message as PrePrepare)] : []);

describe("a participant leading a view batches (participant-lead.ts)", () => {
  it("proposes at once when idle, holds while a slot executes, and sends a full batch at once", () => {
    const env = envOf(2);
    let s = leader();
    const first = relay(s, "t1", env);
    assert.deepEqual(first.batches, [["t1"]]);
    const second = relay(first.state, "t2", env);
    assert.deepEqual(second.batches, [], "s1 has not executed: t2 waits for company");
    assert.deepEqual(second.state.held?.map((p) => p.request.body.id), ["t2"]);
    const third = relay(second.state, "t3", env);
    assert.deepEqual(third.batches, [["t2", "t3"]]);
    assert.equal("held" in third.state, false, "nothing held: the field is absent, never empty");
    s = relay(third.state, "t4", env).state;
    assert.deepEqual(s.held?.map((p) => p.request.body.id), ["t4"]);
    // Once s1 and s2 executed here, the partial batch goes.
    const executed = proposeHeld({ ...s, lastExecuted: asSeq(2) }, env);
    assert.deepEqual(prePrepares(executed.out), [["t4"]]);
    assert.deepEqual(executed.state.proposals.map((pp) => [pp.seq, batchTxnIds(pp)]), [
      [1, ["t1"]], [2, ["t2", "t3"]], [3, ["t4"]],
    ]);
  });

  it("with batch size 1 proposes each relayed request at once, with no rest", () => {
    const env = envOf(1);
    const first = relay(leader(), "t1", env);
    const second = relay(first.state, "t2", env);
    assert.deepEqual([...first.batches, ...second.batches], [["t1"], ["t2"]]);
    assert.ok(second.state.proposals.every((pp) => !("rest" in pp)) && !("held" in second.state));
  });

  it("drops what it holds once it no longer leads in normal status", () => {
    const env = envOf(2);
    const held = relay(relay(leader(), "t1", env).state, "t2", env).state;
    const changing = proposeHeld({ ...held, status: "view-change" }, env);
    assert.equal("held" in changing.state, false);
    assert.deepEqual(changing.out, []);
  });
});
