/**
 * Pre-prepares with flag authority (DESIGN.md §3), a composite the faulty nodes build
 * from knowledge: as the leader of a view a participant leads, a commit proposal for a
 * request carrying the coordinator's signed word that it flags it commit: every relayed
 * Request it knows, and every PRE-PREPARE the coordinator signed (valid authority only in
 * a view the coordinator led), at every seq in play. Their single-field corruptions
 * (adversary-corruptions.ts) are the authority attacks: another txn's authority, an abort
 * flag with one, one the coordinator never signed, a wrong kind of signed message.
 */
import type { FlagAuthority, Message, PrePrepare, Proposal, Signed } from "../../spec/messages.js";
import { coordinatorId } from "../../spec/config.js";
import { batchOf } from "../../spec/batch.js";
import { proposalDigest } from "../../impl/core/digests.js";
import { leaderOf } from "../../impl/core/quorum.js";
import type { AlphabetSource } from "./adversary-alphabet.js";
import type { Envelope } from "./world.js";

/** The coordinator's signed statements the faulty nodes know that flag a request commit. */
function authorities(s: AlphabetSource, knowledge: readonly Envelope[]): Signed<FlagAuthority>[] {
  const coordinator = coordinatorId(s.env.config);
  const out: Signed<FlagAuthority>[] = [];
  for (const e of knowledge) {
    const m = e.message;
    if (m.signer !== coordinator) continue;
    const body = m.body;
    if (body.kind === "Request" && body.flag === "commit") out.push(m as Signed<FlagAuthority>);
    if (body.kind === "PrePrepare" && batchOf(body).some((p) => p.flag === "commit")) {
      out.push(m as Signed<FlagAuthority>);
    }
  }
  return out;
}

export function authorityPrePrepares(s: AlphabetSource, knowledge: readonly Envelope[]): Message[] {
  const known = authorities(s, knowledge);
  if (known.length === 0) return [];
  const n = s.env.config.participantCount;
  const views = s.domains.changeViews.filter((v) => leaderOf(v, n) === s.self);
  const out: PrePrepare[] = [];
  for (const authority of known) {
    // A batch PRE-PREPARE of the coordinator's is the authority for each commit in it (flag-authority.ts).
    const stated = authority.body.kind === "Request" ? [authority.body] : batchOf(authority.body);
    for (const said of stated) {
      if (said.flag !== "commit") continue;
      const proposal: Proposal = { request: said.request, flag: "commit", authority };
      const digest = proposalDigest(proposal, s.env);
      for (const view of views) for (const seq of s.domains.seqs) {
        out.push({ kind: "PrePrepare", view, seq, digest, proposal });
      }
    }
  }
  return out;
}
