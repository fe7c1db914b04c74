/** The signing cache on the send path: a message too big for a frame is a value, not an exception. */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { canonicalJson } from "../../../spec/canonical.js";
import type { Message } from "../../../spec/messages.js";
import { frameBytesMax } from "../../../impl/net/frame.js";
import { fragmentDataBytes, fragmentedBytesMax } from "../../../impl/net/message-fragments.js";
import { makeSigner } from "../../../impl/net/signer.js";
import { makeSigningCache } from "../../../impl/net/signing-cache.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const sign = makeSigner(asNodeId(0), generateKeyPairSync("ed25519").privateKey);

describe("signing cache", () => {
  it("frames an ordinary message, once per content", () => {
    const encode = makeSigningCache(sign);
    const prepare: Message = { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest("d") };
    const first = encode(prepare);
    assert.ok(first.frames?.length === 1 && first.unsendable === null);
    assert.equal(encode({ ...prepare }), first);
  });

  it("holds at most its byte bound of content: the oldest entries go first, the newest stay", () => {
    let signed = 0;
    const counting: typeof sign = (body) => { signed += 1; return sign(body); };
    const prepare = (seq: number): Message =>
      ({ kind: "Prepare", view: asView(0), seq: asSeq(seq), digest: asDigest("d") });
    const frameBytes = makeSigningCache(sign)(prepare(999)).frames?.[0]?.length ?? 0;
    const entry = canonicalJson(prepare(999)).length + frameBytes;
    // Room for three and a half entries (key and frame each): the fourth pushes out the first.
    const encode = makeSigningCache(counting, 1_000, 3.5 * entry);
    for (const seq of [100, 101, 102, 103]) encode(prepare(seq));
    assert.equal(signed, 4);
    encode(prepare(103));
    assert.equal(signed, 4, "the newest is still cached");
    encode(prepare(100));
    assert.equal(signed, 5, "the oldest was evicted and is signed again");
  });

  const request = (valueBytes: number): Message => ({
    kind: "Request", flag: "commit",
    request: {
      body: { id: "t", writes: [{ key: "k", value: "x".repeat(valueBytes) }], reads: []
          }, signer: asNodeId(5), signature: "s",
    },
  });

  it("sends a message over the frame limit as fragments, each inside a frame", () => {
    const encoded = makeSigningCache(sign)(request(frameBytesMax));
    assert.equal(encoded.unsendable, null);
    const payloadBytes = Buffer.byteLength(canonicalJson(encoded.signed), "utf8");
    assert.ok(payloadBytes > frameBytesMax);
    assert.equal(encoded.frames?.length, Math.ceil(payloadBytes / fragmentDataBytes));
    for (const frame of encoded.frames ?? []) assert.ok(frame.length <= frameBytesMax);
  });

  it("signs but does not frame a message over the fragmented limit, and says why", function () {
    this.timeout(30_000); // canonical JSON and a signature over 32 MiB
    const encoded = makeSigningCache(sign)(request(fragmentedBytesMax));
    assert.equal(encoded.frames, null);
    assert.match(encoded.unsendable ?? "", /exceeds the 33554432-byte limit of a fragmented message/);
    assert.equal(encoded.signed.signer, 0);
  });

  it("signs a STATE-REPLY once per snapshot and proof, and never frames it", () => {
    const encode = makeSigningCache(sign);
    const replica = { entries: [{ key: "k", value: "x", version: 1 }], outcomes: [] };
    const proof: never[] = [];
    const first = encode({ kind: "StateReply", seq: asSeq(4), replica, proof });
    assert.equal(first.frames, null);
    assert.equal(encode({ kind: "StateReply", seq: asSeq(4), replica, proof }), first);
    assert.notEqual(encode({ kind: "StateReply", seq: asSeq(8), replica, proof }), first);
  });
});
