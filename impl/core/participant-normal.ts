/**
 * The normal case of PBFT (§4.2) at a participant, for the current view:
 *
 * 1. PRE-PREPARE from the view's leader: accepted when signed by that leader, in
 *    the window, consistent with its body, and the first for (view, seq); the
 *    participant then sends PREPARE to every other participant.
 * 2. PREPARE: logged once per signer. With the pre-prepare and Q matching
 *    prepares from distinct participants (own included) the slot is prepared and
 *    the participant sends COMMIT.
 * 3. COMMIT: logged once per signer. Q matching commits (own included) on a
 *    prepared slot make it committed-local; execution follows in seq order.
 *
 * Votes bind (view, seq, digest). A second vote of one signer for the same
 * (kind, view, seq) with another digest is equivocation: proof, and isolation.
 */
import type { Commit, Prepare, PrePrepare, Signed } from "../../spec/messages.js";
import { clientId } from "../../spec/config.js";
import { toOtherParticipants } from "./broadcast.js";
import { prePrepareConsistent } from "./digests.js";
import { equivocation, prove, suspect } from "./evidence.js";
import { executeReady } from "./participant-execute.js";
import { emptySlot, findSlot, withSlot, withVote, type ParticipantState, type SlotState } from "./participant-state.js";
import { commitQuorum, hasNode, isParticipant, leaderOf, prepareQuorum, type NodeSet } from "./quorum.js";
import type { Env, Output } from "./types.js";
import { inWindow } from "./window.js";

export interface ParticipantResult { readonly state: ParticipantState; readonly out: Output[] }

const unchanged = (state: ParticipantState, out: Output[] = []): ParticipantResult => ({ state, out });

export function onPrePrepare(state: ParticipantState, m: Signed<PrePrepare>, env: Env): ParticipantResult {
  const p = m.body;
  const n = env.config.participantCount;
  if (m.signer !== leaderOf(p.view, n)) return unchanged(state, [suspect(m.signer, "unexpected", `pre-prepare for view ${p.view} from a non-leader`)]);
  if (p.view !== state.view || state.status !== "normal") return unchanged(state);
  // A leader that signs a digest not matching the body, or a request the client did not sign, broke a rule
  // every honest leader checks: the message itself is the proof.
  if (!prePrepareConsistent(p, env)) return prove(state, m.signer, "impossible-message", [m], `pre-prepare seq ${p.seq}: digest does not match its body`);
  const request = p.proposal?.request;
  if (request !== undefined && (request.signer !== clientId(env.config) || !env.verify(request))) {
    return prove(state, m.signer, "impossible-message", [m], `pre-prepare seq ${p.seq}: request not signed by the client`);
  }
  if (!inWindow(state.lowWatermark, p.seq, env)) {
    const stale = p.seq <= state.lowWatermark;
    return unchanged(state, stale ? [] : [suspect(m.signer, "unexpected", `pre-prepare seq ${p.seq} outside the window`)]);
  }
  const slot = findSlot(state, p.seq) ?? emptySlot(p.seq, n);
  if (slot.prePrepare !== null) {
    if (slot.prePrepare.body.digest !== p.digest) return equivocation(state, slot.prePrepare, m, `pre-prepare v${p.view} s${p.seq}`);
    return unchanged(state, resendIfExecuted(state, slot, env));
  }
  const txnId = p.proposal?.request.body.id;
  if (txnId !== undefined && state.slots.some((s) => s.prePrepare?.body.proposal?.request.body.id === txnId)) {
    return unchanged(state, [suspect(m.signer, "unexpected", `pre-prepare seq ${p.seq}: txn ${txnId} already sequenced in view ${p.view}`)]);
  }
  let next = withSlot(state, { ...slot, prePrepare: m, phase: "pre-prepared" });
  if (request !== undefined && !next.pending.some((r) => r.body.id === request.body.id)) {
    // Kept sorted by txn id: equal sets must be equal values, whatever the arrival order.
    const pending = [...next.pending, request].sort((a, b) => (a.body.id < b.body.id ? -1 : a.body.id > b.body.id ? 1 : 0));
    next = { ...next, pending };
  }
  const vote: Prepare = { kind: "Prepare", view: p.view, seq: p.seq, digest: p.digest };
  const advanced = advance(next, p.seq, env);
  return { state: advanced.state, out: [...toOtherParticipants(state.id, n, vote), ...advanced.out] };
}

/** A leader resending a pre-prepare we already executed has likely lost our confirmation. */
/**
 * The leader resends a pre-prepare until every participant confirmed it, so a
 * resend we already executed means someone lags: we may have lost our confirmation,
 * or a peer may be stuck short of a quorum because our own votes were lost (we stop
 * resending them once executed). Answer with the confirmation and both votes.
 * Only the leader's timer drives this, so executed participants never ping-pong.
 */
function resendIfExecuted(state: ParticipantState, slot: SlotState, env: Env): Output[] {
  const pp = slot.prePrepare;
  if (slot.phase !== "executed" || pp === null) return [];
  const { view, seq, digest } = pp.body;
  const n = env.config.participantCount;
  const confirm: Output[] = slot.confirmation === null ? [] : [{ kind: "Send", to: n, message: slot.confirmation }];
  return [
    ...confirm,
    ...toOtherParticipants(state.id, n, { kind: "Prepare", view, seq, digest }),
    ...toOtherParticipants(state.id, n, { kind: "Commit", view, seq, digest }),
  ];
}

type VoteField = "prepares" | "commits";

export function onVote(state: ParticipantState, m: Signed<Prepare> | Signed<Commit>, env: Env): ParticipantResult {
  const v = m.body;
  const n = env.config.participantCount;
  if (!isParticipant(m.signer, n)) return unchanged(state, [suspect(m.signer, "unexpected", `${v.kind} from a non-participant`)]);
  if (m.signer === state.id || v.view !== state.view || state.status !== "normal") return unchanged(state);
  if (!inWindow(state.lowWatermark, v.seq, env)) return unchanged(state);
  const field: VoteField = v.kind === "Prepare" ? "prepares" : "commits";
  const slot = findSlot(state, v.seq) ?? emptySlot(v.seq, n);
  const previous = slot[field][m.signer];
  if (previous !== null && previous !== undefined) {
    if (previous.body.digest !== v.digest) return equivocation(state, previous, m, `${v.kind} v${v.view} s${v.seq}`);
    return unchanged(state);
  }
  if (voteIsDead(slot, v.kind)) return unchanged(state);
  const next = withSlot(state, { ...slot, [field]: withVote<Signed<Prepare | Commit>>(slot[field], m.signer, m) });
  return advance(next, v.seq, env);
}

/** Matching votes from distinct signers; a proven node's vote never counts, even one logged before the proof. */
/**
 * A vote that can no longer change anything is not logged (SPIN's dead-variable
 * reduction, and PBFT's log discipline): more PREPAREs once the slot is prepared
 * (the certificate is complete), more COMMITs once it is committed-local. A vote
 * that conflicts with one already held is still proof: that check runs first.
 */
function voteIsDead(slot: SlotState, kind: "Prepare" | "Commit"): boolean {
  if (kind === "Prepare") return slot.phase !== "idle" && slot.phase !== "pre-prepared";
  return slot.phase === "committed" || slot.phase === "executed";
}

function matching(votes: readonly ({ readonly body: { readonly digest: string } } | null)[], digest: string, proven: NodeSet, env: Env): number {
  // The vote-binds-seq-only mutant counts a vote for (view, seq) whatever digest it names.
  const anyDigest = env.mutant === "vote-binds-seq-only";
  let count = 0;
  for (let signer = 0; signer < votes.length; signer++) {
    const vote = votes[signer];
    if (vote !== null && vote !== undefined && (anyDigest || vote.body.digest === digest) && !hasNode(proven, signer)) count++;
  }
  return count;
}

/** Moves a slot through prepared and committed-local as far as its logged votes allow, then executes. */
export function advance(state: ParticipantState, seq: number, env: Env): ParticipantResult {
  let slot = findSlot(state, seq);
  const pp = slot?.prePrepare;
  if (slot === undefined || pp === null || pp === undefined) return unchanged(state);
  const { view, digest } = pp.body;
  const out: Output[] = [];
  // Own vote counts once, through the phase: it is never also in the vote arrays.
  if (slot.phase === "pre-prepared" && matching(slot.prepares, digest, state.proven, env) + 1 >= prepareQuorum(env)) {
    slot = { ...slot, phase: "prepared" };
    const vote: Commit = { kind: "Commit", view, seq, digest };
    out.push(...toOtherParticipants(state.id, env.config.participantCount, vote));
  }
  if (slot.phase === "prepared" && matching(slot.commits, digest, state.proven, env) + 1 >= commitQuorum(env)) {
    slot = { ...slot, phase: "committed" };
  }
  const executed = executeReady(withSlot(state, slot), env);
  return { state: executed.state, out: [...out, ...executed.out] };
}

