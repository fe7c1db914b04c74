/**
 * Signed messages no honest node sends (DESIGN.md §4, "a signed message that no
 * honest node could send"), judged from the message alone with `env.verify` and
 * `env.digest`, never from a reader's state: so an honest reader and any third
 * party agree, and an honest signer can never be caught by it.
 *
 * Who signs what, by role (coordinator-*.ts and participant-*.ts):
 * - the coordinator signs only Requests, and PRE-PREPAREs and NEW-VIEWs of views it leads;
 * - a participant never signs a Request, and signs PRE-PREPAREs and NEW-VIEWs only
 *   for views it leads;
 * - every other kind is a participant's.
 * Within its role, an honest node's message is checked before it is signed: a
 * PRE-PREPARE's digest matches its body and its request is the client's, a
 * relayed request is the client's, a VIEW-CHANGE is sound (view-change-check.ts),
 * a NEW-VIEW follows from its view-changes, a state reply is proven by its checkpoint.
 */
import type { NodeId, Signed, SignedMessage, Txn, View } from "../../spec/messages.js";
import { clientId } from "../../spec/config.js";
import { provenDigest } from "./checkpoint-log.js";
import { prePrepareConsistent } from "./digests.js";
import { batchProblem, clientSignedBatch } from "./pre-prepare-check.js";
import { flagAuthorityProblem } from "./flag-authority.js";
import { newViewProblem } from "./new-view.js";
import { isParticipant, leaderOf } from "./quorum.js";
import type { Env } from "./types.js";
import { viewChangeProblem } from "./view-change-check.js";

/** Why no honest node could have signed `m`, or null when one could. Its own signature is the caller's check. */
export function impossibility(m: SignedMessage, env: Env): string | null {
  const b = m.body;
  const n = env.config.participantCount;
  switch (b.kind) {
    case "Request":
      if (m.signer !== n) return "a request relayed by a non-coordinator";
      return clientSigned(b.request, env) ? null : `relayed request ${b.request.body.id} not signed by the client`;
    case "PrePrepare": {
      if (!leads(m.signer, b.view, n)) return `pre-prepare for view ${b.view} from a non-leader`;
      if (!prePrepareConsistent(b, env)) return `pre-prepare seq ${b.seq}: digest does not match its body`;
      // DESIGN.md §3 flag authority: a participant leader's commit needs the coordinator's signed word.
      const unauthorised = flagAuthorityProblem(b, env);
      if (unauthorised !== null) return `pre-prepare seq ${b.seq}: ${unauthorised}`;
      const shape = batchProblem(b, env);
      if (shape !== null) return shape;
      if (clientSignedBatch(b, env)) return null;
      return `pre-prepare seq ${b.seq}: request not signed by the client`;
    }
    case "NewView": {
      if (!leads(m.signer, b.view, n)) return `new-view for view ${b.view} from a non-leader`;
      return newViewProblem(b, env);
    }
    case "ViewChange": return viewChangeProblem({ ...m, body: b }, env);
    case "StateReply": {
      if (!isParticipant(m.signer, n)) return "state reply from a non-participant";
      const digest = provenDigest(b.seq, b.proof, env);
      if (digest === null) return `state reply s${b.seq}: no stable-checkpoint proof`;
      if (env.digest(b.replica) === digest) return null;
      return `state reply s${b.seq}: replica does not match the proven digest`;
    }
    case "Prepare":
    case "Commit":
    case "Confirm":
    case "Checkpoint":
    case "StateRequest": return isParticipant(m.signer, n) ? null : `${b.kind} from a non-participant`;
    default: return "a message of no known kind";
  }
}

function leads(signer: NodeId, view: View, n: number): boolean {
  return Number.isInteger(view) && view >= 0 && leaderOf(view, n) === signer;
}

function clientSigned(request: Signed<Txn>, env: Env): boolean {
  return request.signer === clientId(env.config) && env.verify(request);
}
