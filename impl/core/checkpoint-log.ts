/**
 * Checkpoint bookkeeping shared by participants and the coordinator (PBFT §4.3).
 *
 * A checkpoint is stable once Q participants signed the same state digest for one
 * seq: at least f+1 of them are honest, so that digest is the replica every honest
 * participant holds after that seq (I4). Its Q signed messages are the proof that
 * view-changes carry and state transfer is checked against — never a count of
 * whoever happened to answer.
 *
 * Only the latest CHECKPOINT of each signer is kept, so a faulty node cannot grow
 * the log by signing checkpoints for ever higher seqs; an honest node that moves on
 * before an earlier seq became stable somewhere just lets the next one stabilize.
 */
import type { Checkpoint, Digest, Seq, Signed } from "../../spec/messages.js";
import { assertNever } from "./assert.js";
import { equivocation, suspect } from "./evidence.js";
import { withLatest } from "./participant-state.js";
import { hasNode, isParticipant, type NodeSet } from "./quorum.js";
import { emptyReplica } from "./replica.js";
import type { Env, Output } from "./types.js";

export interface StableCheckpoint { readonly seq: Seq; readonly proof: readonly Signed<Checkpoint>[] }

type CheckpointRecord =
  | { readonly kind: "ignored" }
  | { readonly kind: "conflict"; readonly previous: Signed<Checkpoint> }
  | { readonly kind: "recorded"; readonly checkpoints: readonly Signed<Checkpoint>[]; readonly stable: StableCheckpoint | null };

interface CheckpointHolder {
  readonly lowWatermark: Seq;
  readonly checkpoints: readonly Signed<Checkpoint>[];
  readonly proven: NodeSet;
}

interface Result<S> { readonly state: S; readonly out: Output[] }

/**
 * A delivered CHECKPOINT, at a participant or the coordinator: one from a non-participant
 * or off the K grid is suspected, one at or below the low watermark ignored, a second
 * digest for one seq is equivocation; otherwise it is logged, and once its seq is
 * stable `onStable` moves the holder's window.
 */
export function onCheckpointMessage<S extends CheckpointHolder>(
  state: S, m: Signed<Checkpoint>, env: Env, onStable: (state: S, stable: StableCheckpoint) => Result<S>,
): Result<S> {
  const c = m.body;
  if (!isParticipant(m.signer, env.config.participantCount)) return { state, out: [suspect(m.signer, "unexpected", "checkpoint from a non-participant")] };
  if (c.seq <= state.lowWatermark) return { state, out: [] };
  if (c.seq % env.config.checkpointInterval !== 0) return { state, out: [suspect(m.signer, "unexpected", `checkpoint at s${c.seq}, not a multiple of K`)] };
  const record = recordCheckpoint(state.checkpoints, m, state.proven, env);
  switch (record.kind) {
    case "ignored": return { state, out: [] };
    case "conflict": return equivocation(state, record.previous, m, `checkpoint s${c.seq}`);
    case "recorded": {
      const next = { ...state, checkpoints: record.checkpoints };
      return record.stable === null ? { state: next, out: [] } : onStable(next, record.stable);
    }
    default: return assertNever(record);
  }
}

/**
 * Logs `m` as its signer's latest checkpoint and says whether its seq became stable.
 * A signer proven faulty never counts, even with a checkpoint logged before the proof.
 */
function recordCheckpoint(checkpoints: readonly Signed<Checkpoint>[], m: Signed<Checkpoint>, proven: NodeSet, env: Env): CheckpointRecord {
  const previous = checkpoints.find((c) => c.signer === m.signer);
  if (previous !== undefined && previous.body.seq === m.body.seq) {
    return previous.body.stateDigest === m.body.stateDigest ? { kind: "ignored" } : { kind: "conflict", previous };
  }
  if (previous !== undefined && previous.body.seq > m.body.seq) return { kind: "ignored" };
  const next = withLatest(checkpoints, m);
  const matching = next.filter((c) => c.body.seq === m.body.seq && c.body.stateDigest === m.body.stateDigest && !hasNode(proven, c.signer));
  const stable = matching.length >= env.config.quorum ? { seq: m.body.seq, proof: matching } : null;
  return { kind: "recorded", checkpoints: next, stable };
}

/**
 * The state digest a stable-checkpoint proof proves for `seq`, or null when it proves
 * nothing: Q validly signed CHECKPOINTs for `seq` from distinct participants, all with
 * one digest. Seq 0 is the initial state and needs no proof. Objective (it never looks
 * at who the reader holds proof against), so an honest reader and an honest sender agree.
 */
export function provenDigest(seq: Seq, proof: readonly Signed<Checkpoint>[], env: Env): Digest | null {
  if (seq === 0) return proof.length === 0 ? env.digest(emptyReplica) : null;
  if (!Number.isInteger(seq) || seq < 0 || proof.length < env.config.quorum) return null;
  const digest = proof[0]?.body.stateDigest;
  const n = env.config.participantCount;
  const signers = new Set<number>();
  for (const c of proof) {
    if (c.body.seq !== seq || c.body.stateDigest !== digest || !isParticipant(c.signer, n) || signers.has(c.signer)) return null;
    if (!env.verify(c)) return null;
    signers.add(c.signer);
  }
  return digest ?? null;
}
