/**
 * Messages as honest nodes build them, for the property tests of the core's validity
 * functions (test/impl/core/): an env with symbolic crypto, prepared certificates,
 * checkpoint proofs and VIEW-CHANGEs that an honest reader must accept.
 */
import { clientId, makeProtocolConfig } from "../../spec/config.js";
import type { Checkpoint, PreparedCertificate, PrePrepare, Signed, Txn, ViewChange } from "../../spec/messages.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../checker/model/symbolic-crypto.js";
import { proposalDigest } from "../../impl/core/digests.js";
import { leaderOf } from "../../impl/core/quorum.js";
import type { Env } from "../../impl/core/types.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";
import type { Digest, NodeId, Seq, View } from "../../spec/ids.js";

/** n = 3f+1 participants with the default window and checkpoint interval, symbolic crypto. */
export function honestEnv(f: number): Env {
  return { config: makeProtocolConfig(3 * f + 1, f), verify: verifySymbolic, digest: digestSymbolic };
}

export const txn = (id: string): Txn => ({ id, writes: [{ key: "k", value: id }], reads: [] });

/**
 * A certificate for `seq` from `view`: its leader's pre-prepare of t<seq> (abort unless
 * C leads: presumed abort needs no authority) and the PREPAREs of the first Q-1
 * participants other than the carrier.
 */
export function certificate(env: Env, carrier: number, seq: Seq, view = asView(0)): PreparedCertificate {
  const n = env.config.participantCount;
  const leader = leaderOf(view, n);
  const flag = leader === n ? "commit" as const : "abort" as const;
  const proposal = { request: signAs(clientId(env.config), txn(`t${seq}`)), flag };
  const body: PrePrepare = { kind: "PrePrepare", view, seq, digest: proposalDigest(proposal, env), proposal };
  const signers = Array.from({ length: n }, (_, i) => i).filter((i) => i !== carrier).slice(0, env.config.quorum - 1);
  const prepares = signers.map((s) => signAs(asNodeId(s), { kind: "Prepare" as const, view, seq, digest: body.digest
          }));
  return { prePrepare: signAs(leader, body), prepares };
}

/** Q matching CHECKPOINTs for `seq` from participants 0..Q-1 (none for seq 0, the initial state). */
export function checkpointProof(env: Env, seq: Seq, digest: Digest): Signed<Checkpoint>[] {
  if (seq === 0) return [];
  const checkpoint: Checkpoint = { kind: "Checkpoint", seq: asSeq(seq), stateDigest: asDigest(digest) };
  return Array.from({ length: env.config.quorum }, (_, i) => signAs(asNodeId(i), checkpoint));
}

export interface ViewChangeShape {
  readonly view: View;
  /** The stable checkpoint: 0, or a multiple of the checkpoint interval. */
  readonly stableSeq: Seq;
  /** Seqs above stableSeq this participant holds view-0 certificates for, ascending. */
  readonly preparedSeqs: readonly number[];
  /** Ids of the client's pending requests it knows, ascending. */
  readonly pendingIds: readonly string[];
}

/** The VIEW-CHANGE participant `signer` sends with what `shape` says it holds. */
export function viewChange(env: Env, signer: NodeId, shape: ViewChangeShape): Signed<ViewChange> {
  const body: ViewChange = {
    kind: "ViewChange", view: asView(shape.view), stableSeq: asSeq(shape.stableSeq),
    checkpointProof: checkpointProof(env, shape.stableSeq, asDigest("c".repeat(16))),
    prepared: shape.preparedSeqs.map((seq) => certificate(env, signer, asSeq(seq))),
    pending: shape.pendingIds.map((id) => signAs(clientId(env.config), txn(id))),
  };
  return signAs(asNodeId(signer), body);
}
