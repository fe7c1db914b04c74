/**
 * The normal case of PBFT (§4.2) at a participant, for the view whose log it holds:
 *
 * 1. PRE-PREPARE from the view's leader: accepted when signed by that leader, in
 *    the window, consistent with its body, the first for (view, seq), and — in a
 *    view started by a NEW-VIEW — the one the NEW-VIEW derived for that seq (PBFT
 *    §4.4); the participant then sends PREPARE to every other participant.
 * 2. PREPARE: logged once per signer. With the pre-prepare and Q matching
 *    prepares from distinct participants (own included) the slot is prepared and
 *    the participant sends COMMIT.
 * 3. COMMIT: logged once per signer. Q matching commits (own included) on a
 *    prepared slot make it committed-local; execution follows in seq order.
 *
 * Votes bind (view, seq, digest). A second vote of one signer for the same
 * (kind, view, seq) with another digest is equivocation: proof, and isolation.
 *
 * Learning during a view change. A participant that sent VIEW-CHANGE casts no more
 * votes in the view it left: its VIEW-CHANGE stated what it prepared, and a vote
 * after it could help commit a txn that the next view's NEW-VIEW never hears of.
 * It still logs that view's pre-prepares and votes, and executes a slot once Q
 * participants committed it (its own COMMIT counts only if it sent one before):
 * such a slot is decided whatever view comes next. So a participant that timed out
 * alone while the others went on is not left behind by them.
 */
import type { Commit, Prepare, PrePrepare, Signed } from "../../spec/messages.js";
import { batchOf, batchTxnIds } from "../../spec/batch.js";
import { coordinatorId } from "../../spec/config.js";
import { toOtherParticipants } from "./broadcast.js";
import { prePrepareConsistent } from "./digests.js";
import { batchProblem, clientSignedBatch } from "./pre-prepare-check.js";
import { equivocation, prove, suspect } from "./evidence.js";
import { flagAuthorityProblem } from "./flag-authority.js";
import { assertRecommitted, executeReady } from "./participant-execute.js";
import { newViewAgain } from "./participant-new-view.js";
import { spent } from "./replica.js";
import {
  emptySlot, findSlot, installedView, unchanged, withRequests, withSlot, withVote,
  type ParticipantResult, type ParticipantState, type SlotState,
} from "./participant-state.js";
import { commitQuorum, hasNode, isParticipant, leaderOf, prepareQuorum, type NodeSet } from "./quorum.js";
import type { Env, Output } from "./types.js";
import { inWindow } from "./window.js";
import { asNodeId, asSeq } from "../../spec/ids.js";

export function onPrePrepare(state: ParticipantState, m: Signed<PrePrepare>, env: Env): ParticipantResult {
  const p = m.body;
  const n = env.config.participantCount;
  // Only a view's leader may propose in it: anyone else's signed PRE-PREPARE is an impossible message.
  if (m.signer !== leaderOf(p.view, n)) {
    return prove(state, m.signer, "impossible-message", [m], `pre-prepare for view ${p.view} signed by a non-leader`);
  }
  // A deposed leader still proposing in its old view missed the NEW-VIEW: the current leader sends it again.
  if (p.view < installedView(state)) return unchanged(state, newViewAgain(state, m.signer, env));
  if (p.view !== installedView(state)) return unchanged(state);
  // A leader that signs a digest not matching the body, or a request the client did not sign, broke a rule
  // every honest leader checks: the message itself is the proof.
  if (!prePrepareConsistent(p, env))
    return prove(state, m.signer, "impossible-message", [m],
      `pre-prepare seq ${p.seq}: digest does not match its body`);
  const shape = batchProblem(p, env);
  if (shape !== null) return prove(state, m.signer, "impossible-message", [m], shape);
  if (!clientSignedBatch(p, env)) {
    return prove(state, m.signer, "impossible-message", [m],
      `pre-prepare seq ${p.seq}: request not signed by the client`);
  }
  // A flag the coordinator never gave (flag-authority.ts) is as impossible for an honest leader.
  const unauthorised = flagAuthorityProblem(p, env);
  if (unauthorised !== null) {
    return prove(state, m.signer, "impossible-message", [m], `pre-prepare seq ${p.seq}: ${unauthorised}`);
  }
  // Two pre-prepares the leader signed for one (view, seq) are proof, whichever one its NEW-VIEW mandates.
  const held = findSlot(state, p.seq)?.prePrepare ?? null;
  if (held !== null && held.body.view === p.view && held.body.digest !== p.digest)
    return equivocation(state, held, m, `pre-prepare v${p.view} s${p.seq}`);
  // PBFT §4.4: in a view started by a NEW-VIEW, the seqs it covers take exactly its pre-prepares.
  const mandated = state.newView?.view === p.view ? state.newView.prePrepares.find((x) => x.seq === p.seq) : undefined;
  if (mandated !== undefined && mandated.digest !== p.digest) {
    // The leader signed both: its NEW-VIEW's pre-prepare for this seq and this one. Proof, when the
    // signed NEW-VIEW is held.
    const signedNewView = state.newViewSigned;
    if (signedNewView !== undefined && signedNewView.body.view === p.view && signedNewView.signer === m.signer) {
      const detail = `pre-prepare v${p.view} s${p.seq} contradicts its own NEW-VIEW`;
      return prove(state, m.signer, "equivocation", [signedNewView, m], detail);
    }
    return unchanged(state, [suspect(m.signer, "unexpected",
      `pre-prepare v${p.view} s${p.seq} differs from the NEW-VIEW`)]);
  }
  if (!inWindow(state.lowWatermark, p.seq, env)) {
    const stale = p.seq <= state.lowWatermark;
    return unchanged(state, stale ? [] : [suspect(m.signer, "unexpected",
      `pre-prepare seq ${p.seq} outside the window`)]);
  }
  const slot = findSlot(state, p.seq) ?? emptySlot(p.seq, n);
  if (slot.prePrepare !== null) {
    if (slot.prePrepare.body.digest !== p.digest)
      return equivocation(state, slot.prePrepare, m, `pre-prepare v${p.view} s${p.seq}`);
    return unchanged(state, resendIfExecuted(state, slot, env));
  }
  // A NEW-VIEW may carry one txn in two slots (certificates from different views); only free proposals are held
  // to once.
  const txnId = mandated === undefined ? batchTxnIds(p).find((id) => sequenced(state, id)) : undefined;
  if (txnId !== undefined) {
    return unchanged(state, [suspect(m.signer, "unexpected",
      `pre-prepare seq ${p.seq}: txn ${txnId} already sequenced in view ${p.view}`)]);
  }
  const voting = votes(state);
  let next = withSlot(state, { ...slot, prePrepare: m, phase: voting ? "pre-prepared" : "learned" });
  // A request is pending until it executes; one that already did never will again, so it is not waited on.
  const waited = batchOf(p).map((x) => x.request).filter((r) => !spent(next.replica, r.body, next.lastExecuted));
  if (waited.length > 0) next = { ...next, pending: withRequests(next.pending, waited) };
  const vote: Prepare = { kind: "Prepare", view: p.view, seq: p.seq, digest: p.digest };
  const advanced = advance(next, p.seq, env);
  return { state: advanced.state, out: [...(voting ? toOtherParticipants(state.id, n, vote) : []), ...advanced.out] };
}

/** Whether a slot of the installed view already holds a pre-prepare whose batch carries txn `id`. */
function sequenced(state: ParticipantState, id: string): boolean {
  return state.slots.some((s) => s.prePrepare !== null && batchTxnIds(s.prePrepare.body).includes(id));
}

/**
 * The leader resends a pre-prepare until every participant confirmed it, so a
 * resend we already executed means someone lags: we may have lost our confirmation,
 * or a peer may be stuck short of a quorum because our own votes were lost (we stop
 * resending them once executed). Answer with the confirmation and both votes.
 * Only the leader's timer drives this, so executed participants never ping-pong.
 * During a view change no vote leaves for the view it left, not even again.
 */
function resendIfExecuted(state: ParticipantState, slot: SlotState, env: Env): Output[] {
  const pp = slot.prePrepare;
  if (slot.phase !== "executed" || pp === null) return [];
  const { view, seq, digest } = pp.body;
  const n = env.config.participantCount;
  const confirm: Output[] = slot.confirmation === null ? []
    : [{ kind: "Send", to: coordinatorId(env.config), message: slot.confirmation }];
  if (state.status !== "normal") return confirm;
  return [
    ...confirm,
    ...toOtherParticipants(state.id, n, { kind: "Prepare", view, seq, digest }),
    ...toOtherParticipants(state.id, n, { kind: "Commit", view, seq, digest }),
  ];
}

/**
 * Whether this participant still votes in the view whose log it holds: not once it sent
 * VIEW-CHANGE (see the top of this file). Voting on would let its later votes help commit
 * a txn its VIEW-CHANGE said it had not prepared, which the next view's NEW-VIEW never hears of.
 */
function votes(state: ParticipantState): boolean {
  return state.status === "normal";
}

type VoteField = "prepares" | "commits";

export function onVote(state: ParticipantState, m: Signed<Prepare> | Signed<Commit>, env: Env): ParticipantResult {
  const v = m.body;
  const n = env.config.participantCount;
  if (!isParticipant(m.signer, n))
    return unchanged(state, [suspect(m.signer, "unexpected", `${v.kind} from a non-participant`)]);
  if (m.signer === state.id || v.view !== installedView(state)) return unchanged(state);
  if (!inWindow(state.lowWatermark, v.seq, env)) return unchanged(state);
  const field: VoteField = v.kind === "Prepare" ? "prepares" : "commits";
  const slot = findSlot(state, v.seq) ?? emptySlot(v.seq, n);
  // One cell per signer: a quorum counts distinct signers, never copies (PBFT §4.2 "from different backups").
  const previous = slot[field][m.signer] ?? null;
  if (previous !== null) {
    if (previous.body.digest !== v.digest) return equivocation(state, previous, m, `${v.kind} v${v.view} s${v.seq}`);
    return unchanged(state);
  }
  if (voteIsDead(slot, v.kind)) return unchanged(state);
  const next = withSlot(state, { ...slot, [field]: withVote<Signed<Prepare | Commit>>(slot[field], m.signer, m) });
  return advance(next, v.seq, env);
}

/**
 * A vote that can no longer change anything is not logged (SPIN's dead-variable
 * reduction, and PBFT's log discipline): more PREPAREs once the slot is prepared
 * (the certificate is complete), more COMMITs once it is committed-local. A vote
 * that conflicts with one already held is still proof: that check runs first.
 */
function voteIsDead(slot: SlotState, kind: "Prepare" | "Commit"): boolean {
  if (kind === "Prepare") return slot.phase !== "idle" && slot.phase !== "learned" && slot.phase !== "pre-prepared";
  return slot.phase === "committed" || slot.phase === "executed";
}

/** Matching votes from distinct signers; a proven node's vote never counts, even one logged before the proof. */
type DigestVotes = readonly ({ readonly body: { readonly digest: string } } | null)[];

function matching(votes: DigestVotes, digest: string, proven: NodeSet): number {
  // A vote binds (view, seq, digest): one for another digest never counts here (PBFT §4.2).
  let count = 0;
  for (let signer = 0; signer < votes.length; signer++) {
    const vote = votes[signer];
    if (vote !== null && vote !== undefined && vote.body.digest === digest &&
        !hasNode(proven, asNodeId(signer))) count++;
  }
  return count;
}

/** Moves a slot through prepared and committed-local as far as its logged votes allow, then executes. */
export function advance(state: ParticipantState, seq: number, env: Env): ParticipantResult {
  let slot = findSlot(state, asSeq(seq));
  const pp = slot?.prePrepare;
  if (slot === undefined || pp === null || pp === undefined) return unchanged(state);
  const { view, digest } = pp.body;
  const voting = votes(state);
  const out: Output[] = [];
  // Own vote counts once, through the phase: it is never also in the vote arrays.
  const prepares = matching(slot.prepares, digest, state.proven) + 1;
  if (voting && slot.phase === "pre-prepared" && prepares >= prepareQuorum(env)) {
    slot = { ...slot, phase: "prepared" };
    const vote: Commit = { kind: "Commit", view, seq: asSeq(seq), digest };
    out.push(...toOtherParticipants(state.id, env.config.participantCount, vote));
  }
  // Only a prepared slot has its own COMMIT out; a learning participant commits on the others' alone.
  const own = slot.phase === "prepared" ? 1 : 0;
  const committable = slot.phase === "prepared" ||
    (!voting && (slot.phase === "learned" || slot.phase === "pre-prepared"));
  if (committable && matching(slot.commits, digest, state.proven) + own >= commitQuorum(env)) {
    // A seq this participant already executed (a NEW-VIEW re-proposes it) commits again without executing again.
    if (seq <= state.lastExecuted) assertRecommitted(state, pp.body);
    slot = { ...slot, phase: seq <= state.lastExecuted ? "executed" : "committed" };
  }
  const executed = executeReady(withSlot(state, slot), env);
  return { state: executed.state, out: [...out, ...executed.out] };
}
