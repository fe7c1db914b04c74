/**
 * A participant's step: route the input, depose a leader proven faulty, then add
 * the bookkeeping every step shares — persist before send, and the timers armed
 * exactly while needed (participant-timers.ts).
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { assertNever } from "./assert.js";
import { signedOfKind } from "./signed-kind.js";
import { onCheckpoint } from "./checkpoint.js";
import { admit, suspect } from "./evidence.js";
import { onRequest, proposeHeld, proposeOrphans } from "./participant-lead.js";
import { onNewView } from "./participant-new-view.js";
import { onPrePrepare, onVote } from "./participant-normal.js";
import { onResend } from "./participant-resend.js";
import type { ParticipantResult, ParticipantState } from "./participant-state.js";
import { timerChanges, withProgress } from "./participant-timers.js";
import { hasNode, leaderOf } from "./quorum.js";
import { onStateReply, onStateRequest } from "./state-transfer.js";
import type { Env, Input, Output } from "./types.js";
import { onViewChange, onViewChangeTimer, startViewChange } from "./view-change.js";
import { nextView } from "../../spec/ids.js";

export function participantStep(state: ParticipantState, input: Input, env: Env): ParticipantResult {
  const routed = deposeProvenLeader(heldWhenReady(orphansWhenRoom(state, route(state, input, env), env), env), env);
  const result = { state: withProgress(state, routed.state), out: routed.out };
  return { state: result.state, out: finish(state, result, input, env) };
}

function route(state: ParticipantState, input: Input, env: Env): ParticipantResult {
  switch (input.kind) {
    case "Delivered": return onDelivered(state, input.from, input.message, env);
    case "TimerFired": return input.timer === "resend" ? onResend(state, env) : onViewChangeTimer(state, env);
    case "Submit": return { state, out: [] }; // clients submit to the coordinator only
    default: return assertNever(input);
  }
}

function onDelivered(state: ParticipantState, from: NodeId, m: SignedMessage, env: Env): ParticipantResult {
  const gate = admit(state, from, m, env);
  if (!gate.ok) return { state, out: gate.out };
  const kind = m.body.kind;
  // `signedOfKind` re-attaches the envelope to the body whose kind the switch just checked.
  switch (kind) {
    case "Request": return onRequest(state, signedOfKind(m, kind), env);
    case "PrePrepare": return onPrePrepare(state, signedOfKind(m, kind), env);
    case "Prepare":
    case "Commit": return onVote(state, signedOfKind(m, kind), env);
    case "Confirm": return { state, out: [suspect(m.signer, "unexpected", "confirmation sent to a participant")] };
    case "Checkpoint": return onCheckpoint(state, signedOfKind(m, kind), env);
    case "ViewChange": return onViewChange(state, signedOfKind(m, kind), env);
    case "NewView": return onNewView(state, signedOfKind(m, kind), env);
    case "StateRequest": return onStateRequest(state, signedOfKind(m, kind), env);
    case "StateReply": return onStateReply(state, signedOfKind(m, kind), env);
    default: return assertNever(kind);
  }
}

/** A leader whose window moved, or that installed its NEW-VIEW, proposes the orphans that now fit. */
function orphansWhenRoom(before: ParticipantState, result: ParticipantResult, env: Env): ParticipantResult {
  const s = result.state;
  if (s.lowWatermark === before.lowWatermark && s.newView === before.newView) return result;
  const proposed = proposeOrphans(s, env);
  return proposed.state === s ? result : { state: proposed.state, out: [...result.out, ...proposed.out] };
}

/** A leader holding requests for a batch proposes them once the batch is full or its earlier slots executed. */
function heldWhenReady(result: ParticipantResult, env: Env): ParticipantResult {
  if (result.state.held === undefined) return result;
  const proposed = proposeHeld(result.state, env);
  return proposed.state === result.state ? result : { state: proposed.state, out: [...result.out, ...proposed.out] };
}

/**
 * PBFT §4.4: a participant holding proof that the leader of its view — the current
 * one, or the one it is changing to — is faulty asks for the next view at once,
 * rather than wait for a timer that only such a leader could stop.
 */
function deposeProvenLeader(result: ParticipantResult, env: Env): ParticipantResult {
  const s = result.state;
  if (!hasNode(s.proven, leaderOf(s.view, env.config.participantCount))) return result;
  const changed = startViewChange(s, nextView(s.view), env);
  return { state: changed.state, out: [...result.out, ...changed.out] };
}

function finish(before: ParticipantState, result: ParticipantResult, input: Input, env: Env): Output[] {
  const out = result.out;
  const timers = timerChanges(before, result.state, input, env);
  // Persist before send: a node that restarts must never contradict a message it already sent.
  const persist = result.state !== before && out.some((o) => o.kind === "Send");
  return persist ? [{ kind: "Persist" }, ...out, ...timers] : [...out, ...timers];
}
