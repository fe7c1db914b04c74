/**
 * What makes a VIEW-CHANGE sound (PBFT §4.4), checked by every node that counts
 * one and by every receiver of a NEW-VIEW that carries it. Every rule is objective
 * (signatures, digests, the leader rule, canonical order), never the reader's own
 * state, so an honest reader never rejects what an honest participant sent, and a
 * message that breaks one is signed proof of a fault.
 */
import type { Signed, ViewChange } from "../../spec/messages.js";
import { clientId } from "../../spec/config.js";
import { certificateProblem } from "./certificate.js";
import { provenDigest } from "./checkpoint-log.js";
import { isParticipant } from "./quorum.js";
import type { Env } from "./types.js";

/** Why `m` is unsound, or null. The envelope's own signature is the caller's check. */
export function viewChangeProblem(m: Signed<ViewChange>, env: Env): string | null {
  const vc = m.body;
  if (!isParticipant(m.signer, env.config.participantCount)) return "view-change from a non-participant";
  if (!Number.isInteger(vc.view) || vc.view < 1) return `view-change for view ${vc.view}`;
  if (provenDigest(vc.stableSeq, vc.checkpointProof, env) === null)
    return `view-change: no proof of its checkpoint s${vc.stableSeq}`;
  let previousSeq = vc.stableSeq;
  for (const cert of vc.prepared) {
    const { view, seq } = cert.prePrepare.body;
    // Sorted, one per seq, above the checkpoint and from earlier views: how an honest P set looks.
    if (seq <= previousSeq) return `view-change: certificate s${seq} out of order or at/below its checkpoint`;
    if (view >= vc.view) return `view-change for view ${vc.view}: certificate from view ${view}`;
    const problem = certificateProblem(cert, m.signer, env);
    if (problem !== null) return `view-change: ${problem}`;
    previousSeq = seq;
  }
  let previousId: string | null = null;
  for (const request of vc.pending) {
    if (previousId !== null && request.body.id <= previousId) return "view-change: pending requests out of order";
    if (request.signer !== clientId(env.config) || !env.verify(request))
      return `view-change: pending ${request.body.id} not signed by the client`;
    previousId = request.body.id;
  }
  return null;
}
