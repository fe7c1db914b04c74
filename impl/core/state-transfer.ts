/**
 * State transfer (PBFT §4.3/§5.3, simplified): a participant whose stable checkpoint
 * is above its last executed seq has fallen behind — the logs it would need are gone —
 * so it asks the checkpoint's signers for their replica. It takes a reply only when
 * the replica's digest is the one Q signed CHECKPOINTs prove, never because enough
 * replies agree: f faulty repliers could agree on anything.
 *
 * The seqs it skips are decided all the same: the transferred replica records, per
 * executed txn, the first seq that carried it, so each skipped seq decides that txn
 * and outcome or a no-op, exactly as executing it would have (I1, I3).
 */
import type { Checkpoint, NodeId, ReplicaData, Signed, StateReply, StateRequest } from "../../spec/messages.js";
import { provenDigest, type StableCheckpoint } from "./checkpoint-log.js";
import { prove, suspect } from "./evidence.js";
import { executeReady } from "./participant-execute.js";
import { findSlot, unchanged, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { hasNode, isParticipant } from "./quorum.js";
import type { Env, Output } from "./types.js";
import { moveWindow } from "./window.js";
import { asSeq, nextSeq } from "../../spec/ids.js";

/**
 * While behind its stable checkpoint: ask every other signer of the proof for its state.
 * Otherwise, while left behind by f+1 others (`leftBy`, by default `aheadSigners`): ask
 * them for any stable state above what it executed.
 */
export function stateRequests(
  state: ParticipantState, env: Env, leftBy: readonly NodeId[] = aheadSigners(state, env),
): Output[] {
  if (state.lastExecuted >= state.lowWatermark) {
    const request: StateRequest = { kind: "StateRequest", seq: nextSeq(state.lastExecuted) };
    return leftBy.map((to) => ({ kind: "Send", to, message: request }));
  }
  const request: StateRequest = { kind: "StateRequest", seq: state.lowWatermark };
  return state.stableProof.filter((c) => c.signer !== state.id)
    .map((c) => ({ kind: "Send", to: c.signer, message: request }));
}

/**
 * The participants that left this one behind, when f+1 of them (so at least one honest)
 * signed CHECKPOINTs more than K seqs above what it executed; else none. It may see no
 * stable checkpoint there although the others do: say it proved a faulty participant
 * that they did not, so it cannot count that one's CHECKPOINT towards Q. The others
 * have dropped the logs it lacks and stop resending, so only their state brings it
 * back — taken, as always, only with its objective proof (`onStateReply`).
 */
export function aheadSigners(state: ParticipantState, env: Env): NodeId[] {
  return signersAbove(state, env, state.lastExecuted + env.config.checkpointInterval);
}

/**
 * Whom its resend timer asks for state (participant-timers.ts arms it while this is not
 * empty): `aheadSigners`, or, while it lacks the PRE-PREPARE of its next seq, f+1 signers
 * of CHECKPOINTs above what it executed, even only K above. Those f+1 executed that seq,
 * so the coordinator's window may pass it on Q CHECKPOINTs and stop resending, the leader
 * stops once it executed it, and with nothing pending here no timer would run: it never
 * decides that seq (traces/fixed/liveness-checkpoint-k-ahead-*). Only the timer asks, not
 * the f+1-th CHECKPOINT at once (as `aheadSigners` does): in the normal case a participant
 * one checkpoint behind is just slow, gets the PRE-PREPARE within a resend period, and the
 * timer is cancelled before it fires; counting them in `aheadSigners` would fetch a whole
 * replica whenever f+1 others checkpoint first. A slot pre-prepared here is left to its
 * votes and, failing them, to the view-change timer, as before.
 */
export function resendSigners(state: ParticipantState, env: Env): NodeId[] {
  if (findSlot(state, nextSeq(state.lastExecuted))?.prePrepare != null) return aheadSigners(state, env);
  return signersAbove(state, env, state.lastExecuted);
}

/** The other participants not proven faulty that signed a CHECKPOINT above `seq`, when f+1; else none. */
function signersAbove(state: ParticipantState, env: Env, seq: number): NodeId[] {
  const signers = new Set<NodeId>();
  for (const c of state.checkpoints)
    if (c.signer !== state.id && c.body.seq > seq && !hasNode(state.proven, c.signer)) signers.add(c.signer);
  return signers.size > env.config.faultyMax ? [...signers].sort((a, b) => a - b) : [];
}

/** The state at this participant's stable checkpoint with its proof, if it holds that state. */
export function stateReply(state: ParticipantState): StateReply | null {
  const h = state.lowWatermark;
  const snapshot = state.snapshots.find((s) => s.seq === h);
  return h === 0 || snapshot === undefined
    ? null
    : { kind: "StateReply", seq: h, replica: snapshot.replica, proof: state.stableProof };
}

/** Answers with the state at this participant's own stable checkpoint, if it is at or above the asked seq. */
export function onStateRequest(state: ParticipantState, m: Signed<StateRequest>, env: Env): ParticipantResult {
  if (!isParticipant(m.signer, env.config.participantCount))
    return unchanged(state, [suspect(m.signer, "unexpected", "state request from a non-participant")]);
  const reply = stateReply(state);
  if (reply === null || m.body.seq > reply.seq) return unchanged(state);
  return serveState(state, m.signer, reply);
}

/**
 * Sends `reply`, a whole replica, to `to` — only when `to` may really lack it, and once
 * per (requester, stable checkpoint). A StateRequest costs its sender nothing and an
 * old VIEW-CHANGE can be replayed by anyone, so without a bound either one earns a full
 * replica every time. Pure state, no clock:
 * 1. `to` signed this node's stable proof, or a CHECKPOINT above it: it holds that
 *    state already (it persisted before it signed), so it is not behind;
 * 2. `to` was already sent the state of this checkpoint, or a later one: a requester
 *    whose reply was lost asks every other signer of the proof too (at least f of
 *    them honest), and failing all of them the next stable checkpoint answers it.
 */
export function serveState(state: ParticipantState, to: NodeId, reply: StateReply): ParticipantResult {
  if (to === state.id) return unchanged(state);
  const signed = (c: Signed<Checkpoint>): boolean => c.signer === to;
  const holdsIt = state.stableProof.some(signed) || state.checkpoints.some((c) => signed(c) && c.body.seq > reply.seq);
  if (holdsIt) return unchanged(state);
  const served = state.stateServed.find((s) => s.to === to);
  if (served !== undefined && served.seq >= reply.seq) return unchanged(state);
  const stateServed = [...state.stateServed.filter((s) => s.to !== to), { to, seq: reply.seq }]
    .sort((a, b) => a.to - b.to);
  return { state: { ...state, stateServed }, out: [{ kind: "Send", to, message: reply }] };
}

export function onStateReply(state: ParticipantState, m: Signed<StateReply>, env: Env): ParticipantResult {
  const r = m.body;
  if (!isParticipant(m.signer, env.config.participantCount))
    return unchanged(state, [suspect(m.signer, "unexpected", "state reply from a non-participant")]);
  if (r.seq <= state.lastExecuted) return unchanged(state);
  const digest = provenDigest(r.seq, r.proof, env);
  if (digest === null) {
    return prove(state, m.signer, "impossible-message", [m], `state reply s${r.seq}: no stable-checkpoint proof`);
  }
  // Trust the proof, never the replier (nor a count of repliers).
  if (env.digest(r.replica) !== digest) {
    return prove(state, m.signer, "impossible-message", [m],
      `state reply s${r.seq}: replica does not match the proven digest`);
  }
  return adoptState(state, { seq: r.seq, proof: r.proof }, r.replica, env);
}

/** Installs a proven replica, deciding the seqs it covers, then executes whatever committed above it. */
function adoptState(
  state: ParticipantState, stable: StableCheckpoint, replica: ReplicaData, env: Env,
): ParticipantResult {
  const decides: Output[] = [];
  for (let seq = state.lastExecuted + 1; seq <= stable.seq; seq++) {
    const record = replica.outcomes.find((o) => o.seq === seq);
    decides.push({ kind: "Decide", seq: asSeq(seq), txn: record?.txn ?? null, outcome: record?.outcome ?? null });
  }
  const moved = moveWindow(state, stable, env);
  const executed = new Set(replica.outcomes.map((o) => o.txn));
  const snapshots = stable.seq < moved.lowWatermark ? moved.snapshots
    : [...moved.snapshots.filter((s) => s.seq > stable.seq), { seq: stable.seq, replica }]
      .sort((a, b) => a.seq - b.seq);
  const next: ParticipantState = {
    ...moved, replica, lastExecuted: stable.seq, snapshots,
    slots: moved.slots.filter((s) => s.seq > stable.seq),
    pending: moved.pending.filter((r) => !executed.has(r.body.id)),
  };
  const run = executeReady(next, env);
  return { state: run.state, out: [...decides, ...run.out] };
}
