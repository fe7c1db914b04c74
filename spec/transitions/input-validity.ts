/**
 * The spec's own validity predicate for a delivered message (DESIGN.md §3-4): why an
 * honest participant must not act on it, or null when it may. Only rules that hold
 * whatever the receiver's state are here; a message that passes may still be ignored.
 */
import { clientId } from "../config.js";
import type { Judge } from "../held-state.js";
import type { Message, Seq, Signed } from "../messages.js";
import { isParticipantId, prePrepareProblem, provenCheckpoint } from "../invariants/justify-rules.js";
import { newViewProblem, viewChangeProblem } from "../invariants/justify-view-rules.js";
import { leaderOfView } from "../invariants/leader-authority.js";

export function inputProblem(m: Signed<Message>, judge: Judge): string | null {
  if (!judge.verify(m)) return `a ${m.body.kind} claiming signer ${m.signer} that fails verification`;
  const b = m.body;
  switch (b.kind) {
    case "PrePrepare": return prePrepareProblem({ ...m, body: b }, judge);
    case "Prepare":
    case "Commit":
    case "StateReply":
      if (!isParticipantId(m.signer, judge)) return `a ${b.kind} from non-participant ${m.signer}`;
      return b.kind === "StateReply" ? stateReplyProblem(b.seq, b.proof, b.replica, judge) : null;
    case "Checkpoint":
      if (!isParticipantId(m.signer, judge)) return `a CHECKPOINT from non-participant ${m.signer}`;
      return b.seq % judge.config.checkpointInterval === 0 ? null : `a CHECKPOINT for s${b.seq}, off the K grid`;
    case "ViewChange": return viewChangeProblem({ ...m, body: b }, judge);
    case "NewView": {
      const leader = leaderOfView(b.view, judge.config.participantCount);
      if (m.signer !== leader) return `a NEW-VIEW for view ${b.view} signed by ${m.signer}, not its leader ${leader}`;
      return newViewProblem(b, judge);
    }
    case "Request": return b.request.signer === clientId(judge.config) && judge.verify(b.request) ? null
      : `a Request whose txn ${b.request.body.id} the client did not sign`;
    case "Confirm":
    case "StateRequest": return null;
    default: return null;
  }
}

function stateReplyProblem(
  seq: Seq, proof: Extract<Message, { kind: "StateReply" }>["proof"], replica: unknown, judge: Judge,
): string | null {
  const proven = provenCheckpoint(seq, proof, judge);
  if (proven === null) return `a state reply for s${seq} without a stable-checkpoint proof`;
  if (proven !== "initial" && judge.digest(replica) !== proven) {
    return `a state reply for s${seq} whose replica is not the proven one`;
  }
  return null;
}
