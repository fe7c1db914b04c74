/**
 * The core's Env on a real node (DESIGN.md §2): the cluster's protocol config,
 * Ed25519 verification and a sha256 digest of the canonical JSON encoding (an
 * incremental one for replicas, replica-digest.ts).
 *
 * Verification results are cached (positive ones only, bounded): the same
 * signed message is verified many times over — duplicates from the network,
 * resends, the client request inside every resent pre-prepare, and later the
 * prepares a view change carries again. A hit needs the identical signature
 * AND the identical signed bytes, so the cache can never accept what Ed25519
 * would reject.
 */
import { createHash, type KeyObject } from "node:crypto";
import { canonicalJson } from "../../spec/canonical.js";
import type { ProtocolConfig } from "../../spec/config.js";
import { asDigest } from "../../spec/ids.js";
import type { Digest, NodeId, Signed } from "../../spec/messages.js";
import type { Env } from "../core/types.js";
import { isReplicaData, ReplicaDigester } from "./replica-digest.js";
import { verifyBytes, type Verify } from "./signer.js";
import { seqMarkOf, WatermarkCache } from "./watermark-cache.js";

/** Enough for every message of a few windows at n = 29; a miss only costs one verification. */
export const verifyCacheEntriesMax = 16_384;
/**
 * And at most this many characters of signatures and signed bytes: batches of client txns made the 16,384 entries
 * ~8 MB at a participant, filled only after ~10 k txns, so a soak's RSS rose for half its run.
 */
export const verifyCacheCharsMax = 4 * 2 ** 20;

export function sha256Digest(value: unknown): Digest {
  return asDigest(createHash("sha256").update(canonicalJson(value)).digest("hex"));
}

/**
 * `verify` is the node's Ed25519 verifier, normally `cachedVerifier(publicKeys)`.
 * The core digests proposals, NEW-VIEW pre-prepare lists and replicas; a replica
 * (an object of exactly `entries` and `outcomes` arrays, a shape no other digested
 * value has) gets the incremental digest of replica-digest.ts, the rest sha256.
 */
export function makeNodeEnv(config: ProtocolConfig, verify: Verify): Env {
  const replicas = new ReplicaDigester();
  const digest = (value: unknown): Digest =>
    (isReplicaData(value) ? asDigest(replicas.digest(value)) : sha256Digest(value));
  return { config, verify, digest };
}

/**
 * signer.ts's Ed25519 verification with a bounded cache of signatures that
 * verified, keyed by signature and checked against the exact signed bytes,
 * which are encoded once per call (the encoding costs a third of a verification).
 * `verified` is told of every Ed25519 verification actually run (a cache miss), for /metrics.
 * With `lowWatermark` (the node's h), an entry for a seq below h goes at the next stable
 * checkpoint (watermark-cache.ts): a message's `seq`, a client request's `expires`.
 */
export function cachedVerifier(publicKeys: ReadonlyMap<NodeId, KeyObject>, entriesMax = verifyCacheEntriesMax,
  onVerification: () => void = () => undefined, charsMax = verifyCacheCharsMax,
  lowWatermark: () => number = () => 0): Verify {
  const verified = new WatermarkCache<string>(entriesMax, charsMax, lowWatermark);
  return (signed: Signed<unknown>): boolean => {
    let bytes: string;
    try {
      bytes = canonicalJson({ body: signed.body, signer: signed.signer });
    } catch {
      return false; // not encodable (e.g. a non-finite number): no honest signer produced it
    }
    if (typeof signed.signature === "string" && verified.get(signed.signature) === bytes) return true;
    onVerification();
    if (!verifyBytes(publicKeys, signed.signer, Buffer.from(bytes, "utf8"), signed.signature)) return false;
    verified.set(signed.signature, bytes, signed.signature.length + bytes.length, seqMarkOf(signed.body));
    return true;
  };
}
