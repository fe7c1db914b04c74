/**
 * Dead mail: a message its target will ignore — same state, no output — in every
 * state it can still reach. A driver may then forget it (the checker's dead-message
 * collection, the counterpart of SPIN's dead-variable reduction): delivering it,
 * dropping it or copying it can never change what any node does.
 *
 * Each clause below rests on a fact that never goes back, and says why:
 * - `proven` only grows (evidence.ts `prove`) and is durable (durable.ts);
 * - a participant's low watermark h only rises (window.ts `moveWindow`) and is durable;
 * - its installed view (the view of its last NEW-VIEW) only rises: it installs a NEW-VIEW
 *   only above it (participant-new-view.ts `joins`/`follows`), and the NEW-VIEW is durable;
 * - a slot of the installed view above h keeps its phase, which only advances, and its
 *   logged votes, until h passes it or a later view is installed (the only two ways a
 *   slot goes); a restart keeps the phase and the PREPAREs of a certified slot only;
 * - a participant's last executed seq and the coordinator's view and low watermark only rise.
 * Nothing here reads a timer, a vote tally of another slot or a suspicion: a message whose
 * delivery reports anything (even a suspicion, which the core does not record) is never dead.
 *
 * A crash-restart (step.ts `restart`) returns a node to the durable part of the state it
 * last persisted, which may be older than its current one. So when the node may restart,
 * the caller passes that state (`restartFrom`, or the initial state before any persist):
 * only durable clauses count then, and the message must be dead from both states. Every
 * later persisted state descends from one of the two by steps, and the durable clauses
 * survive both steps and `durablePart`.
 *
 * Assumption, checked by the caller: a participant never rests in a state whose view's
 * leader it has proven faulty (participant-step.ts deposes such a leader in the same step).
 * That fails only when two nodes that lead consecutive views are both proven: then any
 * input, dead mail included, starts the next view change.
 */
import type { Commit, NewView, Prepare, SignedMessage } from "../../spec/messages.js";
import type { CoordinatorState } from "./coordinator-state.js";
import { durablePart } from "./durable.js";
import { findSlot, installedView, type ParticipantState, type SlotState } from "./participant-state.js";
import { hasNode, isParticipant, leaderOf } from "./quorum.js";
import type { Env, NodeState } from "./types.js";

/** True only when the node in `state` (and, if given, restarted from `restartFrom`) ignores `message` for ever. */
export function isDeadMail(
  state: NodeState, message: SignedMessage, env: Env, restartFrom: NodeState | null = null,
): boolean {
  // A message that fails to verify is suspected against its link on every delivery: never dead.
  if (!env.verify(message)) return false;
  const durableOnly = restartFrom !== null;
  if (!deadAt(state, message, env, durableOnly)) return false;
  return restartFrom === null || deadAt(durablePart(restartFrom), message, env, true);
}

function deadAt(state: NodeState, m: SignedMessage, env: Env, durableOnly: boolean): boolean {
  // A proven signer's messages are dropped at the gate (evidence.ts `admit`), all but its CHECKPOINTs.
  if (hasNode(state.proven, m.signer) && m.body.kind !== "Checkpoint") return true;
  return state.role === "participant"
    ? deadAtParticipant(state, m, env, durableOnly)
    : deadAtCoordinator(state, m, env);
}

function deadAtParticipant(state: ParticipantState, m: SignedMessage, env: Env, durableOnly: boolean): boolean {
  const n = env.config.participantCount;
  const body = m.body;
  switch (body.kind) {
    case "Prepare":
    case "Commit":
      // A non-participant's vote is suspected each time (participant-normal.ts `onVote`).
      return isParticipant(m.signer, n) && voteIsDeadMail(state, m.signer, body, durableOnly);
    case "Checkpoint":
      // At or below h: ignored without a word (checkpoint-log.ts), and h never goes back.
      return isParticipant(m.signer, n) && body.seq <= state.lowWatermark;
    case "NewView":
      return m.signer === leaderOf(body.view, n) && newViewIsDeadMail(state, body, env);
    case "StateReply":
      // A state at or below what it executed is ignored (state-transfer.ts); the last executed seq only rises.
      return isParticipant(m.signer, n) && body.seq <= state.lastExecuted;
    // A PRE-PREPARE or VIEW-CHANGE for an old view can make a leader of a later view answer with its NEW-VIEW,
    // and this participant may lead one; a REQUEST or STATE-REQUEST can be answered; a CONFIRM is suspected.
    case "PrePrepare":
    case "ViewChange":
    case "Request":
    case "StateRequest":
    case "Confirm":
      return false;
    default: return false;
  }
}

/**
 * A PREPARE or COMMIT of participant `signer`. Dead when:
 * 1. it is its own: a participant never logs its own votes (its phase stands for them);
 * 2. its seq is at or below h: outside the window in every view from now on;
 * 3. its view is below the installed view: that view's log is gone and never comes back;
 * 4. in the installed view, the slot no longer logs this kind (prepared: no more PREPAREs; committed: no more
 *    COMMITs, participant-normal.ts `voteIsDead`) and the signer's cell is empty or holds this very digest
 *    (another digest is equivocation: proof); the phase only advances and is durable, and so are a certified
 *    slot's PREPAREs;
 * 5. without restarts: the signer's cell already holds this digest (a copy), kept until the slot goes.
 */
function voteIsDeadMail(state: ParticipantState, signer: number, v: Prepare | Commit, durableOnly: boolean): boolean {
  if (signer === state.id || v.seq <= state.lowWatermark || v.view < installedView(state)) return true;
  if (v.view !== installedView(state)) return false;
  const slot = findSlot(state, v.seq);
  if (slot === undefined) return false;
  const cell = (v.kind === "Prepare" ? slot.prepares : slot.commits)[signer] ?? null;
  const same = cell !== null && cell.body.digest === v.digest;
  if (cell !== null && !same) return false;
  if (closedTo(slot, v.kind)) return true;
  return same && !durableOnly;
}

/** Mirrors participant-normal.ts `voteIsDead`: a certificate that is complete takes no more votes of its kind. */
function closedTo(slot: SlotState, kind: "Prepare" | "Commit"): boolean {
  if (kind === "Prepare") return slot.phase === "prepared" || slot.phase === "committed" || slot.phase === "executed";
  return slot.phase === "committed" || slot.phase === "executed";
}

/**
 * A NEW-VIEW (signed by its view's leader) at or below the installed view: neither joined nor followed
 * (participant-new-view.ts), unless it differs from the signed NEW-VIEW held for that very view (equivocation).
 * The installed view only rises, so a later state holds it below.
 */
function newViewIsDeadMail(state: ParticipantState, nv: NewView, env: Env): boolean {
  const installed = installedView(state);
  if (nv.view < installed) return true;
  if (nv.view > installed) return false;
  const held = state.newViewSigned;
  return held === undefined || held.body.view !== nv.view || env.digest(held.body) === env.digest(nv);
}

/**
 * The coordinator holds no replica and casts no vote: participants' business is ignored outright
 * (coordinator-step.ts). Its CHECKPOINTs at or below its h, and NEW-VIEWs at or below its view, are ignored too.
 */
function deadAtCoordinator(state: CoordinatorState, m: SignedMessage, env: Env): boolean {
  const n = env.config.participantCount;
  const body = m.body;
  switch (body.kind) {
    case "Request":
    case "PrePrepare":
    case "Prepare":
    case "Commit":
    case "StateRequest":
    case "StateReply":
      return true;
    case "Checkpoint":
      return isParticipant(m.signer, n) && body.seq <= state.lowWatermark;
    case "NewView":
      return m.signer === leaderOf(body.view, n) && body.view <= state.view;
    case "Confirm":
    case "ViewChange":
      return false;
    default: return false;
  }
}
