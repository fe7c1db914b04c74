/**
 * Prepared certificates (PBFT §4.4's P set): a pre-prepare signed by its view's
 * leader plus Q-1 matching PREPAREs from other participants. The participant that
 * carries one in its VIEW-CHANGE completes it with its own signature on that message
 * (its own PREPARE is implied, see participant-state.ts), so a certificate stands
 * for Q participants that prepared (view, seq, digest).
 *
 * Why a certificate from the highest view wins (PBFT §4.4, numbered in place):
 * 1. A slot committed at an honest participant has Q COMMITs, so at least f+1 honest
 *    participants prepared it, and they did so before sending any later VIEW-CHANGE.
 * 2. Any Q VIEW-CHANGEs share one of those honest participants, so its certificate
 *    for that seq reaches the new leader.
 * 3. No certificate for that seq from a later view can carry another digest: its Q
 *    PREPAREs would need an honest participant to prepare two digests, or a NEW-VIEW
 *    that dropped the committed one, which 1-2 rule out by induction on views.
 */
import type { NodeId, PreparedCertificate, Signed, Prepare } from "../../spec/messages.js";
import { assert } from "./assert.js";
import { prePrepareConsistent } from "./digests.js";
import { batchProblem, clientSignedBatch } from "./pre-prepare-check.js";
import { flagAuthorityProblem } from "./flag-authority.js";
import type { ParticipantState, SlotState } from "./participant-state.js";
import { isParticipant, leaderOf, prepareQuorum } from "./quorum.js";
import type { Env } from "./types.js";

/**
 * The certificate a slot holds once prepared: its pre-prepare and the matching PREPAREs
 * of the others. A slot committed while learning (participant-normal.ts) may lack them.
 */
function certificateOf(slot: SlotState, env: Env): PreparedCertificate | null {
  const pp = slot.prePrepare;
  if (pp === null ||
      (slot.phase !== "prepared" && slot.phase !== "committed" && slot.phase !== "executed")) return null;
  const prepares = slot.prepares.filter((p): p is Signed<Prepare> => p !== null && p.body.digest === pp.body.digest);
  return prepares.length + 1 >= prepareQuorum(env) ? { prePrepare: pp, prepares } : null;
}

/** Merges certificates into a P set: per seq the one from the highest view, sorted by seq. */
function withCertificates(
  prepared: readonly PreparedCertificate[], certificates: readonly PreparedCertificate[],
): readonly PreparedCertificate[] {
  if (certificates.length === 0) return prepared;
  const bySeq = new Map<number, PreparedCertificate>();
  for (const c of [...prepared, ...certificates]) {
    const held = bySeq.get(c.prePrepare.body.seq);
    if (held === undefined || c.prePrepare.body.view > held.prePrepare.body.view) bySeq.set(c.prePrepare.body.seq, c);
  }
  return [...bySeq.values()].sort((a, b) => a.prePrepare.body.seq - b.prePrepare.body.seq);
}

/**
 * A full certificate: Q-1 PREPAREs (the carrier's own is implied), each for its pre-prepare's
 * (view, seq, digest). Asserted where the P set is produced (`collectCertificates`) and where a
 * VIEW-CHANGE consumes it (view-change.ts): a short one would let the next view drop a committed txn.
 */
export function assertFullCertificate(cert: PreparedCertificate, env: Env, where: string): void {
  const { view, seq, digest } = cert.prePrepare.body;
  const need = prepareQuorum(env) - 1;
  const held = cert.prepares.length;
  assert(held >= need, `${where}: certificate v${view} s${seq} has ${held} prepares, need ${need}`);
  for (const p of cert.prepares) {
    const matches = p.body.view === view && p.body.seq === seq && p.body.digest === digest;
    assert(matches, `${where}: certificate v${view} s${seq} holds a prepare for v${p.body.view} s${p.body.seq}`);
  }
}

/** PBFT §4.4's P set brought up to date: the log's certificates join it, those at or below h leave it. */
export function collectCertificates(state: ParticipantState, env: Env): ParticipantState {
  const certificates: PreparedCertificate[] = [];
  for (const s of state.slots) {
    const cert = certificateOf(s, env);
    // A slot sent its COMMIT on Q matching PREPAREs (participant-normal.ts), which stay logged.
    if (s.phase === "prepared") assert(cert !== null, `P${state.id}: prepared slot s${s.seq} without a certificate`);
    if (cert === null) continue;
    assertFullCertificate(cert, env, `P${state.id}'s P set`);
    certificates.push(cert);
  }
  const prepared = withCertificates(state.prepared, certificates)
    .filter((c) => c.prePrepare.body.seq > state.lowWatermark);
  return prepared === state.prepared ? state : { ...state, prepared };
}

/**
 * Why `cert`, carried by `carrier`, proves nothing, or null when it is sound. Objective:
 * signatures, the leader rule and digests only, so every honest reader agrees with an
 * honest sender (I5). Its PREPAREs come from distinct participants other than the carrier.
 */
export function certificateProblem(cert: PreparedCertificate, carrier: NodeId, env: Env): string | null {
  const pp = cert.prePrepare;
  const { view, seq, digest } = pp.body;
  const n = env.config.participantCount;
  if (pp.signer !== leaderOf(view, n) || !env.verify(pp))
    return `certificate s${seq}: pre-prepare not signed by the leader of view ${view}`;
  if (!prePrepareConsistent(pp.body, env)) return `certificate s${seq}: digest does not match the body`;
  const shape = batchProblem(pp.body, env);
  if (shape !== null) return `certificate s${seq}: ${shape}`;
  if (!clientSignedBatch(pp.body, env)) return `certificate s${seq}: request not signed by the client`;
  const unauthorised = flagAuthorityProblem(pp.body, env);
  if (unauthorised !== null) return `certificate s${seq}: ${unauthorised}`;
  let previous = -1;
  for (const p of cert.prepares) {
    if (p.body.view !== view ||
        p.body.kind !== "Prepare" ||
        p.body.seq !== seq ||
        p.body.digest !== digest) return `certificate s${seq}: a prepare does not match`;
    if (!isParticipant(p.signer, n) ||
        p.signer === carrier ||
        p.signer <= previous) return `certificate s${seq}: prepares not from distinct other participants`;
    if (!env.verify(p)) return `certificate s${seq}: a prepare fails verification`;
    previous = p.signer;
  }
  if (cert.prepares.length + 1 < prepareQuorum(env)) {
    return `certificate s${seq}: ${cert.prepares.length} prepares, need ${prepareQuorum(env) - 1}`;
  }
  return null;
}
