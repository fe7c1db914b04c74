/**
 * PBFT's acceptance rules, re-stated from DESIGN.md §3-4 and the schemas in
 * spec/messages.ts as a second, independent definition: the justification
 * invariants (I10) hold what an honest participant retains to these rules, so a
 * core whose own check was deleted or weakened is caught at the step where it
 * accepts what it must not, not ten steps later when replicas split.
 *
 * Every rule reads signatures, digests, the leader rotation and the config only,
 * never a reader's state, like the evidence it stands beside. Each returns why the
 * message proves nothing, or null when it is sound.
 */
import { clientId, coordinatorId } from "../config.js";
import type { HeldSlot, Judge } from "../held-state.js";
import type {
  Checkpoint, Digest, FlagAuthority, NodeId, PreparedCertificate, PrePrepare, Proposal, Seq, Signed, View,
} from "../messages.js";
import { leaderOfView } from "./leader-authority.js";
import { batchDigestValue, batchOf, batchShapeProblem } from "../batch.js";

export const isParticipantId = (id: NodeId, judge: Judge): boolean =>
  Number.isInteger(id) && id >= 0 && id < judge.config.participantCount;

const coordinatorLeads = (view: View, judge: Judge): boolean =>
  leaderOfView(view, judge.config.participantCount) === coordinatorId(judge.config);

/**
 * DESIGN.md §3, flag authority: commit without authority only in a view the coordinator
 * leads; an authority is the coordinator's signed Request flagging this very txn commit,
 * or its own PRE-PREPARE doing so in a view it led; abort needs none and carries none.
 */
export function flagAuthorityProblem(p: PrePrepare, judge: Judge): string | null {
  // Batches (spec/batch.ts): each txn of the batch on its own.
  for (const proposal of batchOf(p)) {
    const problem = proposalAuthorityProblem(p, proposal, judge);
    if (problem !== null) return problem;
  }
  return null;
}

function proposalAuthorityProblem(p: PrePrepare, proposal: Proposal, judge: Judge): string | null {
  const id = proposal.request.body.id;
  const authority = proposal.authority;
  if (authority === undefined) {
    return proposal.flag === "commit" && !coordinatorLeads(p.view, judge)
      ? `commit flag for ${id} in view ${p.view} without the coordinator's authority` : null;
  }
  if (proposal.flag !== "commit") return `abort flag for ${id} carries an authority`;
  if (authority.signer !== coordinatorId(judge.config) || !judge.verify(authority)) {
    return `authority for ${id} not validly signed by the coordinator`;
  }
  const said = authorityStatement(authority.body, proposal, judge);
  if (said === null || said.flag !== "commit") return `authority for ${id} does not flag it commit`;
  if (judge.digest(said.request.body) !== judge.digest(proposal.request.body)) {
    return `authority for ${id} names another txn`;
  }
  return null;
}

/** What the coordinator's message says of `proposal`'s txn: in a batch, that txn's entry (else the first). */
function authorityStatement(
  said: FlagAuthority, proposal: Proposal, judge: Judge,
): Pick<Proposal, "request" | "flag"> | null {
  if (said.kind === "Request") return said;
  if (!coordinatorLeads(said.view, judge)) return null;
  const own = judge.digest(proposal.request.body);
  return batchOf(said).find((x) => judge.digest(x.request.body) === own) ?? said.proposal;
}

/**
 * A PRE-PREPARE signed by its view's leader, whose digest is its body's, with a client-signed request and flag
 * authority.
 */
export function prePrepareProblem(pp: Signed<PrePrepare>, judge: Judge): string | null {
  const { view, seq } = pp.body;
  const leader = leaderOfView(view, judge.config.participantCount);
  if (pp.signer !== leader || !judge.verify(pp)) {
    return `pre-prepare v${view} s${seq} not validly signed by its leader ${leader}`;
  }
  if (judge.digest(batchDigestValue(batchOf(pp.body))) !== pp.body.digest) {
    return `pre-prepare v${view} s${seq}: digest does not match its body`;
  }
  const shape = batchShapeProblem(pp.body, judge.config);
  if (shape !== null) return shape;
  const unsigned = batchOf(pp.body).some(({ request }) =>
    request.signer !== clientId(judge.config) || !judge.verify(request));
  if (unsigned) return `pre-prepare v${view} s${seq}: request not signed by the client`;
  return flagAuthorityProblem(pp.body, judge);
}

type Vote = Signed<{ readonly view: View; readonly seq: Seq; readonly digest: Digest }>;

/** How many valid votes for exactly (view, seq, digest) come from distinct participants other than `holder`. */
export function matchingVotes(votes: readonly (Vote | null)[], pp: PrePrepare, holder: NodeId, judge: Judge): number {
  const signers = new Set<NodeId>();
  for (const v of votes) {
    if (v === null || v.signer === holder || !isParticipantId(v.signer, judge) || signers.has(v.signer)) continue;
    if (v.body.view !== pp.view || v.body.seq !== pp.seq || v.body.digest !== pp.digest) continue;
    if (judge.verify(v)) signers.add(v.signer);
  }
  return signers.size;
}

/**
 * DESIGN.md §3: a prepared certificate is the pre-prepare and Q matching PREPAREs from
 * distinct participants, the holder's own included: Q-1 signed ones from the others.
 */
export function certificateProblem(cert: PreparedCertificate, holder: NodeId, judge: Judge): string | null {
  const pp = cert.prePrepare;
  const problem = prePrepareProblem(pp, judge);
  if (problem !== null) return `certificate: ${problem}`;
  if (cert.prepares.some((p) => p.signer === holder)) {
    return `certificate s${pp.body.seq}: carries its holder's own prepare`;
  }
  return votesProblem("PREPARE", cert.prepares, pp.body, holder, judge);
}

/** Q-1 valid matching votes from others, or why not. */
export function votesProblem(
  kind: string, votes: readonly (Vote | null)[], pp: PrePrepare, holder: NodeId, judge: Judge,
): string | null {
  const needed = judge.config.quorum - 1;
  const count = matchingVotes(votes, pp, holder, judge);
  return count >= needed ? null
    : `v${pp.view} s${pp.seq}: ${count} valid matching ${kind}s from other participants, needs ${needed}`;
}

/** The certificate a slot in phase `prepared` holds: its pre-prepare and the PREPAREs logged beside it. */
export function slotCertificateProblem(slot: HeldSlot, holder: NodeId, judge: Judge): string | null {
  const pp = slot.prePrepare;
  if (pp === null) return `s${slot.seq} is ${slot.phase} without a pre-prepare`;
  return prePrepareProblem(pp, judge) ?? votesProblem("PREPARE", slot.prepares, pp.body, holder, judge);
}

/**
 * DESIGN.md §3: a checkpoint is stable on Q matching signed CHECKPOINTs. The digest `proof`
 * proves for `seq`, or null; seq 0 is the initial state and takes an empty proof.
 */
export function provenCheckpoint(
  seq: Seq, proof: readonly Signed<Checkpoint>[], judge: Judge,
): Digest | "initial" | null {
  if (seq === 0) return proof.length === 0 ? "initial" : null;
  if (!Number.isInteger(seq) || seq < 0) return null;
  const first = proof[0];
  if (first === undefined) return null;
  const signers = new Set<NodeId>();
  for (const c of proof) {
    if (c.body.seq !== seq || c.body.stateDigest !== first.body.stateDigest) return null;
    if (!isParticipantId(c.signer, judge) || signers.has(c.signer) || !judge.verify(c)) return null;
    signers.add(c.signer);
  }
  return signers.size >= judge.config.quorum ? first.body.stateDigest : null;
}
