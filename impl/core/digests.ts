/**
 * What a vote binds. The digest covers each txn's id, its operations and its flag, for the
 * whole batch in order (DESIGN.md §3, spec/batch.ts).
 */
import type { Digest, PrePrepare, Proposal } from "../../spec/messages.js";
import { batchDigestValue, batchOf } from "../../spec/batch.js";
import type { Env } from "./types.js";

/** The digest of the proposal itself (client-signed txn and flag), so drivers can memoize it per object. */
export function proposalDigest(proposal: Proposal | null, env: Env): Digest {
  return env.digest(proposal);
}

/** The digest of a batch: a batch of one digests as its proposal alone, as before batching. */
export function batchDigest(proposals: readonly Proposal[], env: Env): Digest {
  return proposals.length <= 1 ? proposalDigest(proposals[0] ?? null, env) : env.digest(batchDigestValue(proposals));
}

/** A pre-prepare whose digest does not match its body is a signed impossibility: proof. */
export function prePrepareConsistent(p: PrePrepare, env: Env): boolean {
  return batchDigest(batchOf(p), env) === p.digest;
}
