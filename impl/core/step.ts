/**
 * The one entry point of the pure core (DESIGN.md §2):
 * `step(state, input, env) -> { state, out }`. Same state and input, same result.
 */
import type { NodeId } from "../../spec/messages.js";
import { coordinatorId, type ProtocolConfig } from "../../spec/config.js";
import { assertNever } from "./assert.js";
import { resendNeeded } from "./coordinator-propose.js";
import { coordinatorStep } from "./coordinator-step.js";
import { initialCoordinator } from "./coordinator-state.js";
import { durablePart } from "./durable.js";
import { participantStep } from "./participant-step.js";
import { initialParticipant } from "./participant-state.js";
import { timersNeeded } from "./participant-timers.js";
import type { Env, Input, NodeState, Output, StepResult } from "./types.js";

export { durablePart } from "./durable.js";

export function step(state: NodeState, input: Input, env: Env): StepResult {
  switch (state.role) {
    case "participant": return participantStep(state, input, env);
    case "coordinator": return coordinatorStep(state, input, env);
    default: return assertNever(state);
  }
}

/** The initial state of node `id`: participants 0..n-1, the coordinator n. */
export function initialState(id: NodeId, config: ProtocolConfig): NodeState {
  return id === coordinatorId(config) ? initialCoordinator(id) : initialParticipant(id);
}

/**
 * A crash-restart: the node comes back with its durable part only (durable.ts: what
 * it persisted before sending) and re-arms the timers its pending work needs, since
 * armed timers are volatile. The messages it lost are resent by their senders.
 */
export function restart(state: NodeState, env: Env): StepResult {
  const durable = durablePart(state);
  return { state: durable, out: timersAfterRestart(durable, env) };
}

function timersAfterRestart(state: NodeState, env: Env): Output[] {
  if (state.role === "participant") return timersNeeded(state, env);
  return resendNeeded(state, env) ? [{ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks }] : [];
}
