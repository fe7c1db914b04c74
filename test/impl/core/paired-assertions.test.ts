/**
 * The core's paired assertions (STYLE.md: a key fact asserted where it is produced and again where it is consumed)
 * fire on a bad value, and stay quiet on the honest one. The pairs checked here:
 *   - a prepared slot has a full certificate: produced in the log, asserted as the P set is collected
 *     (certificate.ts `collectCertificates`), consumed by the VIEW-CHANGE (`assertFullCertificate`, certificate.test);
 *   - a window moves only on a valid proof: produced where a CHECKPOINT makes its seq stable (checkpoint-log.ts),
 *     at a participant and at the coordinator alike; consumed by the move (window.ts, window.test).
 * The third pair, a re-committed seq carries the txn that executed there, is in participant-execute.test.
 */
import assert from "node:assert/strict";
import type { Checkpoint, Signed } from "../../../spec/messages.js";
import { AssertionFailure } from "../../../impl/core/assert.js";
import { collectCertificates } from "../../../impl/core/certificate.js";
import { onCheckpoint } from "../../../impl/core/checkpoint.js";
import { onCheckpointAtCoordinator } from "../../../impl/core/coordinator-recovery.js";
import { initialCoordinator } from "../../../impl/core/coordinator-state.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import type { ParticipantState, SlotState } from "../../../impl/core/participant-state.js";
import type { NodeState } from "../../../impl/core/types.js";
import { forgeAs } from "../../../checker/model/symbolic-crypto.js";
import { certificate, checkpointProof, honestEnv } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const env = honestEnv(1);
const n = env.config.participantCount;

/** P0 holding seq 1 in `phase` with the PREPAREs of `preparers` (a certificate for P0 needs two). */
function holding(phase: SlotState["phase"], preparers: number): ParticipantState {
  const cert = certificate(env, 0, asSeq(1));
  const prepares = Array.from({ length: n }, (_, i) => cert.prepares.find((p) => p.signer === i) ?? null)
    .map((p, i) => (i < 1 + preparers ? p : null));
  const slot: SlotState = {
    seq: asSeq(1), phase, prePrepare: cert.prePrepare, prepares, commits: [], confirmation: null,
  };
  return { ...initialParticipant(asNodeId(0)), slots: [slot] };
}

/** Delivers `messages` in order through `on`, returning the last state. */
function deliverAll<S extends NodeState>(state: S, messages: readonly Signed<Checkpoint>[],
  on: (s: S, m: Signed<Checkpoint>) => { state: S }): S {
  return messages.reduce((s, m) => on(s, m).state, state);
}

describe("paired assertions in the core", () => {
  it("collects a prepared slot's full certificate into the P set", () => {
    const collected = collectCertificates(holding("prepared", 2), env);
    assert.equal(collected.prepared.length, 1);
  });

  it("asserts against a slot marked prepared on one PREPARE too few", () => {
    assert.throws(() => collectCertificates(holding("prepared", 1), env),
      (e: unknown) => e instanceof AssertionFailure && /prepared slot s1 without a certificate/.test(e.message));
    assert.equal(collectCertificates(holding("pre-prepared", 1), env).prepared.length, 0, "not prepared: no claim");
  });

  // A CHECKPOINT reaches the log only after the step verified its signature; one that skipped that check and
  // completed a quorum would move the window on a proof nobody else accepts.
  const seq = asSeq(env.config.checkpointInterval);
  const proof = checkpointProof(env, seq, asDigest("d"));
  const unverified = [forgeAs(asNodeId(0), asNodeId(3), proof[0]!.body), ...proof.slice(1)];

  it("moves a participant's and the coordinator's window on Q verified CHECKPOINTs", () => {
    const p = deliverAll(initialParticipant(asNodeId(3)), proof, (s, m) => onCheckpoint(s, m, env));
    assert.equal(p.lowWatermark, seq);
    const c = deliverAll(initialCoordinator(asNodeId(n)), proof, (s, m) => onCheckpointAtCoordinator(s, m, env));
    assert.equal(c.lowWatermark, seq);
  });

  it("asserts where a seq is found stable on a proof that does not prove it, at a participant and at C", () => {
    const unproven = (e: unknown): boolean =>
      e instanceof AssertionFailure && e.message.endsWith(`s${seq} found stable without a proof of its digest`);
    assert.throws(() => deliverAll(initialParticipant(asNodeId(3)), unverified, (s, m) => onCheckpoint(s, m, env)),
      unproven);
    assert.throws(() => deliverAll(initialCoordinator(asNodeId(n)), unverified,
      (s, m) => onCheckpointAtCoordinator(s, m, env)), unproven);
  });
});
