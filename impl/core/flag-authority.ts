/**
 * Flag authority (DESIGN.md §3): the flag of a proposal is the coordinator's decision,
 * never a leader's. One objective rule, used by every receiver of a PRE-PREPARE, by the
 * certificate check (VIEW-CHANGE) and so by NEW-VIEW's recomputation:
 *
 * 1. A proposal without `authority` may carry flag commit only in a view the coordinator
 *    leads: there its signature on the pre-prepare is the authority. Abort needs none
 *    (presumed abort: any leader may propose it).
 * 2. A proposal that carries `authority` carries it for a commit, and it must be the
 *    coordinator's signed statement that this txn is flagged commit: its relayed Request,
 *    or its own PRE-PREPARE in a view it led. Honest leaders attach nothing else.
 *
 * A pre-prepare breaking either rule is signed by its leader and shows the breach by
 * itself, so it is proof (impossible-message) against that leader. The rule reads only
 * signatures, the leader rotation and the message, never the reader's state (I5).
 *
 * Where the authority travels: a commit survives a view change only in a prepared
 * certificate, whose pre-prepare carries its authority or, from a view the coordinator
 * led, is it (`carriedProposal`). The pending bodies a VIEW-CHANGE carries need none: a
 * NEW-VIEW re-proposes every orphan with flag abort (presumed abort), and a commit the
 * coordinator still wants reaches the next leader in a Request it relays again.
 *
 * Batches (spec/batch.ts): the rule holds for each txn of a batch on its own. A coordinator's
 * PRE-PREPARE of a batch is the authority for each commit-flagged txn in it.
 */
import type { FlagAuthority, PrePrepare, Proposal, Signed, View } from "../../spec/messages.js";
import { batchOf } from "../../spec/batch.js";
import { coordinatorId } from "../../spec/config.js";
import { leaderOf } from "./quorum.js";
import type { Env } from "./types.js";

/** Why a flag of `p`'s batch is not the coordinator's decision, or null when each is (or `p` is a null proposal). */
export function flagAuthorityProblem(p: PrePrepare, env: Env): string | null {
  for (const proposal of batchOf(p)) {
    const problem = proposalAuthorityProblem(p, proposal, env);
    if (problem !== null) return problem;
  }
  return null;
}

function proposalAuthorityProblem(p: PrePrepare, proposal: Proposal, env: Env): string | null {
  const authority = proposal.authority;
  if (authority === undefined) {
    const coordinatorLeads = leaderOf(p.view, env.config.participantCount) === coordinatorId(env.config);
    return proposal.flag === "commit" && !coordinatorLeads
      ? `commit flag for ${proposal.request.body.id} in view ${p.view} without the coordinator's authority`
      : null;
  }
  return authorityProblem(proposal, authority, env);
}

function authorityProblem(proposal: Proposal, authority: Signed<FlagAuthority>, env: Env): string | null {
  const id = proposal.request.body.id;
  if (proposal.flag !== "commit") return `abort flag for ${id} carries a commit authority`;
  if (authority.signer !== coordinatorId(env.config) || !env.verify(authority)) {
    return `authority for ${id} not signed by the coordinator`;
  }
  const said = statedProposal(authority.body, proposal, env);
  if (said === null || said.flag !== "commit") return `authority for ${id} does not flag it commit`;
  const sameTxn = env.digest(said.request.body) === env.digest(proposal.request.body);
  if (!sameTxn) return `authority for ${id} names another txn`;
  return null;
}

/**
 * What the coordinator's signed message says it flags `proposal`'s txn, or null when it says nothing it may say.
 * In a batch, the entry for that txn (the first entry when none is: the caller then finds another txn).
 */
function statedProposal(said: FlagAuthority, proposal: Proposal, env: Env): Pick<Proposal, "request" | "flag"> | null {
  if (said.kind === "Request") return said;
  if (!coordinatorLed(said.view, env)) return null;
  const own = env.digest(proposal.request.body);
  return batchOf(said).find((x) => env.digest(x.request.body) === own) ?? said.proposal;
}

const coordinatorLed = (view: View, env: Env): boolean =>
  leaderOf(view, env.config.participantCount) === coordinatorId(env.config);

/**
 * The batch a NEW-VIEW for `view` re-proposes from certificate pre-prepare `certified`
 * (new-view.ts). A commit that the coordinator authorised by signing it in a view it led
 * needs that signed pre-prepare as its authority once a participant leads; every other
 * proposal is carried unchanged (its authority, if any, travels with it). Each txn of a batch alike.
 */
export function carriedBatch(certified: Signed<PrePrepare>, view: View, env: Env): readonly Proposal[] {
  return batchOf(certified.body).map((proposal) => {
    if (proposal.flag !== "commit" || proposal.authority !== undefined) return proposal;
    if (coordinatorLed(view, env) || certified.signer !== coordinatorId(env.config)) return proposal;
    return { ...proposal, authority: certified };
  });
}
