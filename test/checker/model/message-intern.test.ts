/** checker/model/message-intern.ts: one object per distinct signed message, keyed by its whole content. */
import assert from "node:assert/strict";
import type { Message, Signed, Txn } from "../../../spec/messages.js";
import { MessageIntern } from "../../../checker/model/message-intern.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const request: Signed<Txn> = signAs(asNodeId(5), { id: "t1", writes: [{ key: "k0", value: "v1" }], reads: [] });

describe("message intern", () => {
  it("keeps two pre-prepares apart that share a digest but differ in their proposal", () => {
    // A Byzantine leader's digest need not match its body: the digest must not stand for the message.
    const commit: Message = { kind: "PrePrepare", view: asView(1), seq: asSeq(1), digest: asDigest("d"), proposal: {
          request, flag: "commit" } };
    const abort: Message = { kind: "PrePrepare", view: asView(1), seq: asSeq(1), digest: asDigest("d"), proposal: {
          request, flag: "abort" } };
    const intern = new MessageIntern();
    const a = intern.signed(asNodeId(0), commit);
    const b = intern.signed(asNodeId(0), abort);
    assert.notEqual(a, b);
    assert.deepEqual(b.body, abort);
    assert.equal(intern.size, 2);
  });

  it("hands back one object for equal messages built apart", () => {
    const intern = new MessageIntern();
    const make = (): Message => ({ kind: "PrePrepare", view: asView(0), seq: asSeq(1), digest: asDigest("d"), proposal:
          { request, flag: "commit" } });
    assert.equal(intern.signed(asNodeId(4), make()), intern.signed(asNodeId(4), make()));
    assert.notEqual(intern.signed(asNodeId(4), make()), intern.signed(asNodeId(3), make()));
  });
});
