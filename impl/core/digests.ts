/** What a vote binds. The digest covers the txn id, its operations and the flag (DESIGN.md §3). */
import type { Digest, PrePrepare, Proposal } from "../../spec/messages.js";
import type { Env } from "./types.js";

export function proposalDigest(proposal: Proposal | null, env: Env): Digest {
  return env.digest(proposal === null ? null : { txn: proposal.request.body, flag: proposal.flag });
}

/** A pre-prepare whose digest does not match its body is a signed impossibility: proof. */
export function prePrepareConsistent(p: PrePrepare, env: Env): boolean {
  return proposalDigest(p.proposal, env) === p.digest;
}
