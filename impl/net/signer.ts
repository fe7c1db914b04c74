/**
 * Ed25519 signatures for the real runtime (the checker signs symbolically).
 *
 * What is signed: the UTF-8 bytes of `canonicalJson({ body, signer })`. Binding
 * `signer` into the signed bytes means a valid signature cannot be re-attributed
 * to another node, and the canonical encoding (sorted keys) means sender and
 * receiver agree on the bytes whatever the field order on the wire.
 *
 * `verify` takes peer input, so it never throws (STYLE.md: never throw on peer
 * input): an unknown signer, a malformed signature or a body that cannot be
 * encoded is simply `false`.
 */
import { type KeyObject, sign as cryptoSign, verify as cryptoVerify } from "node:crypto";
import { canonicalJson } from "../../spec/canonical.js";
import type { NodeId, Signed } from "../../spec/messages.js";

/** An Ed25519 signature is 64 bytes, 88 characters of padded base64. */
export const signatureBytes = 64;

export type Sign = <M>(body: M) => Signed<M>;
export type Verify = (signed: Signed<unknown>) => boolean;

/** The exact bytes a signature covers. */
export function signedBytes(body: unknown, signer: NodeId): Buffer {
  return Buffer.from(canonicalJson({ body, signer }), "utf8");
}

/** `privateKey` is an imported Ed25519 KeyObject (see keys.ts), parsed once, not per message. */
export function makeSigner(id: NodeId, privateKey: KeyObject): Sign {
  if (privateKey.asymmetricKeyType !== "ed25519" || privateKey.type !== "private") {
    throw new TypeError(`makeSigner: expected an Ed25519 private key for node ${id}`);
  }
  return <M>(body: M): Signed<M> => ({
    body,
    signer: id,
    signature: cryptoSign(null, signedBytes(body, id), privateKey).toString("base64"),
  });
}

/**
 * `publicKeys` maps every node id that may sign (participants, coordinator,
 * client) to its imported KeyObject; the map is the cache, so no PEM or base64
 * is parsed on the hot path.
 */
export function makeVerifier(publicKeys: ReadonlyMap<NodeId, KeyObject>): Verify {
  return (signed: Signed<unknown>): boolean => {
    try {
      return verifyBytes(publicKeys, signed.signer, signedBytes(signed.body, signed.signer), signed.signature);
    } catch {
      return false;
    }
  };
}

/** Checks `signature` over `bytes` (already `signedBytes`) as `signer`'s; never throws. */
export function verifyBytes(
  publicKeys: ReadonlyMap<NodeId, KeyObject>, signer: NodeId, bytes: Buffer, signature: unknown,
): boolean {
  try {
    const key = publicKeys.get(signer);
    if (key === undefined) return false;
    const decoded = decodeSignature(signature);
    if (decoded === null) return false;
    return cryptoVerify(null, bytes, key, decoded);
  } catch {
    return false;
  }
}

/**
 * Strict base64: Node's decoder silently skips bad characters, so a signature is
 * accepted only if it re-encodes to the same text (one spelling per signature)
 * and has the Ed25519 length.
 */
function decodeSignature(text: unknown): Buffer | null {
  if (typeof text !== "string" || text.length !== 88) return null;
  const bytes = Buffer.from(text, "base64");
  if (bytes.length !== signatureBytes || bytes.toString("base64") !== text) return null;
  return bytes;
}
