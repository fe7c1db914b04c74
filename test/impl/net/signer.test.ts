/**
 * The Ed25519 signer: what it signs (canonical {body, signer}) and that the
 * verifier, which sees peer input, answers false rather than throwing.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import type { Prepare, Signed } from "../../../spec/messages.js";
import { makeSigner, makeVerifier } from "../../../impl/net/signer.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const keys = [0, 1].map(() => generateKeyPairSync("ed25519"));
const publicKeys = new Map(keys.map((pair, id) => [asNodeId(id), pair.publicKey]));
const verify = makeVerifier(publicKeys);
const sign0 = makeSigner(asNodeId(0), keys[0]!.privateKey);
const prepare: Prepare = { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest("d1") };

describe("signer", () => {
  it("verifies what it signed", () => {
    const signed = sign0(prepare);
    assert.equal(signed.signer, 0);
    assert.equal(Buffer.from(signed.signature, "base64").length, 64);
    assert.equal(verify(signed), true);
  });

  it("covers the canonical encoding, so field order on the wire does not matter", () => {
    const signed = sign0(prepare);
    const reordered = { digest: "d1", seq: 1, view: 0, kind: "Prepare" };
    assert.equal(verify({ ...signed, body: reordered }), true);
  });

  it("rejects a changed body", () => {
    const signed = sign0(prepare);
    assert.equal(verify({ ...signed, body: { ...prepare, digest: "d2" } }), false);
  });

  it("rejects a signature re-attributed to another signer", () => {
    // The signer id is inside the signed bytes, so node 1 cannot claim node 0's vote.
    const signed = sign0(prepare);
    assert.equal(verify({ ...signed, signer: asNodeId(1) }), false);
  });

  it("answers false, never throws, on malformed input", () => {
    const signed = sign0(prepare);
    const bad: Signed<unknown>[] = [
      { ...signed, signer: asNodeId(7) },                                   // unknown signer
      { ...signed, signature: "" },
      { ...signed, signature: "!!!!" },                           // not base64
      { ...signed, signature: signed.signature.slice(0, 80) },    // wrong length
      { ...signed, signature: `${signed.signature.slice(0, 85)}B==` }, // non-canonical spelling
      { ...signed, signature: 42 as unknown as string },
      { ...signed, body: { x: Number.NaN } },                     // canonicalJson refuses NaN
      null as unknown as Signed<unknown>,
    ];
    for (const signed of bad) assert.equal(verify(signed), false);
  });

  it("refuses to build a signer from a public key (our bug, so it throws)", () => {
    assert.throws(() => makeSigner(asNodeId(0), keys[0]!.publicKey), TypeError);
  });
});
