/** The node's verifier: a cache hit needs the same signature over the same bytes, so it never accepts a forgery. */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { cachedVerifier, sha256Digest } from "../../../impl/net/node-env.js";
import { makeSigner } from "../../../impl/net/signer.js";
import { asNodeId } from "../../../spec/ids.js";

describe("node env", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const signed = makeSigner(asNodeId(1), privateKey)({ kind: "Prepare", view: 0, seq: 3, digest: "ab" });

  it("accepts a valid signature, again from the cache, and rejects a body or signer swapped under it", () => {
    const verify = cachedVerifier(new Map([[asNodeId(1), publicKey]]));
    assert.equal(verify(signed), true);
    assert.equal(verify(JSON.parse(JSON.stringify(signed))), true);
    assert.equal(verify({ ...signed, body: { ...signed.body, digest: "cd" } }), false);
    assert.equal(verify({ ...signed, signer: asNodeId(2) }), false);
    assert.equal(verify({ ...signed, signature: "not base64" }), false);
    assert.equal(verify({ ...signed, body: { ...signed.body, seq: Number.NaN } }), false);
  });

  it("stays bounded", () => {
    const verify = cachedVerifier(new Map([[asNodeId(1), publicKey]]), 2);
    const sign = makeSigner(asNodeId(1), privateKey);
    for (let seq = 0; seq < 10; seq++) assert.equal(verify(sign({ kind: "Commit", view: 0, seq, digest: "x" })), true);
  });

  it("holds at most its character bound: the oldest go first, the newest still hit", () => {
    const sign = makeSigner(asNodeId(1), privateKey);
    const commit = (seq: number) => sign({ kind: "Commit", view: 0, seq, digest: "x" });
    const one = commit(100);
    const entry = one.signature.length + JSON.stringify({ body: one.body, signer: one.signer }).length;
    let runs = 0;
    // Room for three and a half entries: the fourth pushes out the first.
    const verify = cachedVerifier(new Map([[asNodeId(1), publicKey]]), 1_000, () => { runs += 1; }, 3.5 * entry);
    for (const seq of [100, 101, 102, 103]) assert.equal(verify(commit(seq)), true);
    assert.equal(runs, 4);
    assert.equal(verify(commit(103)), true);
    assert.equal(runs, 4, "the newest is still cached");
    assert.equal(verify(commit(100)), true);
    assert.equal(runs, 5, "the oldest was evicted and is verified again");
  });

  it("forgets a seq's signatures once the low watermark passes it, and verifies them again", () => {
    const sign = makeSigner(asNodeId(1), privateKey);
    let runs = 0;
    let h = 0;
    const verify = cachedVerifier(new Map([[asNodeId(1), publicKey]]), 1_000, () => { runs += 1; }, 1_000_000, () => h);
    const old = sign({ kind: "Commit", view: 0, seq: 5, digest: "x" });
    const txn = sign({ id: "t1", writes: [], reads: [], expires: 40 });
    assert.equal(verify(old) && verify(txn), true);
    h = 8;
    assert.equal(verify(sign({ kind: "Commit", view: 0, seq: 9, digest: "x" })), true); // prunes seq 5
    assert.equal(runs, 3);
    assert.equal(verify(txn) && verify(old), true);
    assert.equal(runs, 4, "the txn (expires 40) still hits; the commit at seq 5 is verified again");
  });

  it("digests canonically: key order does not matter", () => {
    assert.equal(sha256Digest({ a: 1, b: [2, { c: 3, d: 4 }] }), sha256Digest({ b: [2, { d: 4, c: 3 }], a: 1 }));
  });
});
