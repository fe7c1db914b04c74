/** The signing cache on the send path: a message too big for a frame is a value, not an exception. */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import type { Message } from "../../../spec/messages.js";
import { frameBytesMax } from "../../../impl/net/frame.js";
import { makeSigner } from "../../../impl/net/signer.js";
import { makeSigningCache } from "../../../impl/net/signing-cache.js";

const sign = makeSigner(0, generateKeyPairSync("ed25519").privateKey);

describe("signing cache", () => {
  it("frames an ordinary message, once per content", () => {
    const encode = makeSigningCache(sign);
    const prepare: Message = { kind: "Prepare", view: 0, seq: 1, digest: "d" };
    const first = encode(prepare);
    assert.ok(first.frame !== null && first.unsendable === null);
    assert.equal(encode({ ...prepare }), first);
  });

  it("signs but does not frame a message over the frame limit, and says why", () => {
    const encode = makeSigningCache(sign);
    const huge: Message = {
      kind: "Request", flag: "commit",
      request: {
        body: { id: "t", writes: [{ key: "k", value: "x".repeat(frameBytesMax) }], reads: [] },
        signer: 5, signature: "s",
      },
    };
    const encoded = encode(huge);
    assert.equal(encoded.frame, null);
    assert.match(encoded.unsendable ?? "", /exceeds the 1048576-byte frame limit/);
    assert.equal(encoded.signed.signer, 0);
  });

  it("signs a STATE-REPLY once per snapshot and proof, and never frames it", () => {
    const encode = makeSigningCache(sign);
    const replica = { entries: [{ key: "k", value: "x", version: 1 }], outcomes: [] };
    const proof: never[] = [];
    const first = encode({ kind: "StateReply", seq: 4, replica, proof });
    assert.equal(first.frame, null);
    assert.equal(encode({ kind: "StateReply", seq: 4, replica, proof }), first);
    assert.notEqual(encode({ kind: "StateReply", seq: 8, replica, proof }), first);
  });
});
