/**
 * Symbolic, unforgeable signatures and content digests for the simulated world.
 * A signature is the signer's name: the world lets a node sign only as itself,
 * so a Byzantine node can replay another's signed message but never make one.
 * A forged envelope (signer X, signature of Y) fails `verify`.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Digest, NodeId, Signed } from "../../spec/messages.js";
import { hashString64 } from "../engine/hash64.js";
import { asDigest } from "../../spec/ids.js";

export const symbolicSignature = (signer: NodeId): string => `sig:${signer}`;

export function signAs<M>(signer: NodeId, body: M): Signed<M> {
  return { body, signer, signature: symbolicSignature(signer) };
}

export function verifySymbolic(signed: Signed<unknown>): boolean {
  return signed.signature === symbolicSignature(signed.signer);
}

/**
 * A forgery (DESIGN.md §6, the adversary's forge move): `body` claiming `claimed` as its
 * signer, made by `by`, who cannot sign as `claimed`, so it fails `verify`. The forger is
 * part of the signature, so two forgers' copies stay distinct objects in the step memo.
 */
export function forgeAs<M>(claimed: NodeId, by: NodeId, body: M): Signed<M> {
  return { body, signer: claimed, signature: `forged:${by}` };
}

/** One object per forgery of a run (their bodies are the adversary's fixed objects), so the step memo shares them. */
export class ForgeryIntern {
  private readonly byBody = new WeakMap<object, Map<string, Signed<unknown>>>();

  forged<M extends object>(claimed: NodeId, by: NodeId, body: M): Signed<M> {
    let row = this.byBody.get(body);
    if (row === undefined) { row = new Map(); this.byBody.set(body, row); }
    const key = `${claimed}|${by}`;
    let s = row.get(key);
    if (s === undefined) { s = forgeAs(claimed, by, body); row.set(key, s); }
    return s as Signed<M>;
  }
}

/** A content digest: 64 bits of the canonical encoding, as 16 hex digits. Equal values, equal digests. */
export function digestSymbolic(value: unknown): Digest {
  const [hi, lo] = hashString64(canonicalJson(value));
  return asDigest((hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0"));
}
