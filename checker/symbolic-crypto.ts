/**
 * Symbolic, unforgeable signatures and content digests for the simulated world.
 * A signature is the signer's name: the world lets a node sign only as itself,
 * so a Byzantine node can replay another's signed message but never make one.
 * A forged envelope (signer X, signature of Y) fails `verify`.
 */
import { canonicalJson } from "../spec/canonical.js";
import type { Digest, NodeId, Signed } from "../spec/messages.js";
import { hashString64 } from "./hash64.js";

export const symbolicSignature = (signer: NodeId): string => `sig:${signer}`;

export function signAs<M>(signer: NodeId, body: M): Signed<M> {
  return { body, signer, signature: symbolicSignature(signer) };
}

export function verifySymbolic(signed: Signed<unknown>): boolean {
  return signed.signature === symbolicSignature(signed.signer);
}

/** A content digest: 64 bits of the canonical encoding, as 16 hex digits. Equal values, equal digests. */
export function digestSymbolic(value: unknown): Digest {
  const [hi, lo] = hashString64(canonicalJson(value));
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}
