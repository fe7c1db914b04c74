/**
 * Checkpoint bookkeeping shared by participants and the coordinator (PBFT §4.3).
 *
 * A checkpoint is stable once Q participants signed the same state digest for one
 * seq: at least f+1 of them are honest, so that digest is the replica every honest
 * participant holds after that seq (I4). Its Q signed messages are the proof that
 * view-changes carry and state transfer is checked against — never a count of
 * whoever happened to answer.
 *
 * Each signer's newest few CHECKPOINTs are kept (`checkpointsPerSigner`), so a
 * faulty node cannot grow the log by signing checkpoints for ever higher seqs, and a
 * slower honest node's checkpoint still finds the faster ones' for the same seq.
 */
import type { Checkpoint, Digest, Seq, Signed } from "../../spec/messages.js";
import { assert, assertNever } from "./assert.js";
import { equivocation, suspect } from "./evidence.js";
import { isParticipant, type NodeSet } from "./quorum.js";
import { emptyReplica } from "./replica.js";
import type { Env, Output } from "./types.js";

export interface StableCheckpoint { readonly seq: Seq; readonly proof: readonly Signed<Checkpoint>[] }

type CheckpointRecord =
  | { readonly kind: "ignored" }
  | { readonly kind: "conflict"; readonly previous: Signed<Checkpoint> }
  | {
      readonly kind: "recorded"; readonly checkpoints: readonly Signed<Checkpoint>[];
      readonly stable: StableCheckpoint | null;
    };

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
  if (!isParticipant(m.signer, env.config.participantCount))
    return { state, out: [suspect(m.signer, "unexpected", "checkpoint from a non-participant")] };
  if (c.seq <= state.lowWatermark) return { state, out: [] };
  if (c.seq % env.config.checkpointInterval !== 0)
    return { state, out: [suspect(m.signer, "unexpected", `checkpoint at s${c.seq}, not a multiple of K`)] };
  const record = recordCheckpoint(state.checkpoints, m, env);
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
 * How many CHECKPOINTs of one signer are kept: its newest ones, as many as fit in a
 * window, plus one. A bound, so a faulty signer cannot grow the log, yet more than one:
 * participants execute at different speeds, and keeping only each signer's latest let
 * a fast one overwrite the checkpoint a slower one was about to match, so under load
 * no seq ever gathered Q at once and the window stood still.
 */
export const checkpointsPerSigner = (env: Env): number =>
  Math.floor(env.config.windowSize / env.config.checkpointInterval) + 1;

/**
 * Logs `m` among its signer's newest checkpoints and says whether its seq became stable.
 *
 * A signer proven faulty counts here, unlike in a vote quorum, because stability is
 * objective: Q matching signed digests prove the state whoever signed them (at most f
 * of Q are faulty, so f+1 honest signed that digest), and `provenDigest` — what every
 * view-change, NEW-VIEW and state reply is checked with — accepts exactly such a proof.
 * Counting only unproven signers made stability depend on who proved whom: the
 * coordinator (which never sees votes, so proves no equivocating voter) moved its
 * window on checkpoints the participants ignored and proposed outside theirs, and a
 * participant that proved a faulty one while another was slow or restarting could no
 * longer see any checkpoint become stable — nor let anyone fetch state from it.
 */
function recordCheckpoint(
  checkpoints: readonly Signed<Checkpoint>[], m: Signed<Checkpoint>, env: Env,
): CheckpointRecord {
  const previous = checkpoints.find((c) => c.signer === m.signer && c.body.seq === m.body.seq);
  if (previous !== undefined)
    return previous.body.stateDigest === m.body.stateDigest ? { kind: "ignored" } : { kind: "conflict", previous };
  const own = checkpoints.filter((c) => c.signer === m.signer);
  const limit = checkpointsPerSigner(env);
  if (own.length >= limit && own.every((c) => c.body.seq > m.body.seq)) return { kind: "ignored" };
  // Sorted by (signer, seq), so equal logs are equal values whatever the arrival order.
  const kept = [...own, m].sort((a, b) => a.body.seq - b.body.seq).slice(-limit);
  const next = [...checkpoints.filter((c) => c.signer !== m.signer), ...kept]
    .sort((a, b) => a.signer - b.signer || a.body.seq - b.body.seq);
  const matching = next.filter((c) => c.body.seq === m.body.seq && c.body.stateDigest === m.body.stateDigest);
  const stable = matching.length >= env.config.quorum ? { seq: m.body.seq, proof: matching } : null;
  // Produced here, consumed by every window move (window.ts): a stable checkpoint's proof proves its digest.
  if (stable !== null) {
    const proven = provenDigest(stable.seq, stable.proof, env);
    assert(proven === m.body.stateDigest, `checkpoint s${stable.seq} found stable without a proof of its digest`);
  }
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
    if (c.body.seq !== seq ||
        c.body.stateDigest !== digest ||
        !isParticipant(c.signer, n) ||
        signers.has(c.signer)) return null;
    if (!env.verify(c)) return null;
    signers.add(c.signer);
  }
  return digest ?? null;
}
