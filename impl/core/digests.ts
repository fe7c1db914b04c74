/** What a vote binds. The digest covers the txn id, its operations and the flag (DESIGN.md §3). */
import type { Digest, PrePrepare, Proposal } from "../../spec/messages.js";
import type { Env } from "./types.js";

/** The digest of the proposal itself (client-signed txn and flag), so drivers can memoize it per object. */
export function proposalDigest(proposal: Proposal | null, env: Env): Digest {
  return env.digest(proposal);
}

/** A pre-prepare whose digest does not match its body is a signed impossibility: proof. */
export function prePrepareConsistent(p: PrePrepare, env: Env): boolean {
  return proposalDigest(p.proposal, env) === p.digest;
}
