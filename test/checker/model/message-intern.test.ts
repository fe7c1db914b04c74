/** checker/model/message-intern.ts: one object per distinct signed message, keyed by its whole content. */
import assert from "node:assert/strict";
import type { Message, Signed, Txn } from "../../../spec/messages.js";
import { MessageIntern } from "../../../checker/model/message-intern.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";

const request: Signed<Txn> = signAs(5, { id: "t1", writes: [{ key: "k0", value: "v1" }], reads: [] });

describe("message intern", () => {
  it("keeps two pre-prepares apart that share a digest but differ in their proposal", () => {
    // A Byzantine leader's digest need not match its body: the digest must not stand for the message.
    const commit: Message = { kind: "PrePrepare", view: 1, seq: 1, digest: "d", proposal: { request, flag: "commit" } };
    const abort: Message = { kind: "PrePrepare", view: 1, seq: 1, digest: "d", proposal: { request, flag: "abort" } };
    const intern = new MessageIntern();
    const a = intern.signed(0, commit);
    const b = intern.signed(0, abort);
    assert.notEqual(a, b);
    assert.deepEqual(b.body, abort);
    assert.equal(intern.size, 2);
  });

  it("hands back one object for equal messages built apart", () => {
    const intern = new MessageIntern();
    const make = (): Message =>
      ({ kind: "PrePrepare", view: 0, seq: 1, digest: "d", proposal: { request, flag: "commit" } });
    assert.equal(intern.signed(4, make()), intern.signed(4, make()));
    assert.notEqual(intern.signed(4, make()), intern.signed(3, make()));
  });
});
