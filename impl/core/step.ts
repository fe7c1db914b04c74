/**
 * The one entry point of the pure core (DESIGN.md §2):
 * `step(state, input, env) -> { state, out }`. Same state and input, same result.
 */
import type { NodeId } from "../../spec/messages.js";
import { coordinatorId, type ProtocolConfig } from "../../spec/config.js";
import { assertNever } from "./assert.js";
import { coordinatorStep, unconfirmed } from "./coordinator-step.js";
import { initialCoordinator } from "./coordinator-state.js";
import { participantStep } from "./participant-step.js";
import { initialParticipant } from "./participant-state.js";
import type { Env, Input, NodeState, StepResult } from "./types.js";

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
 * A crash-restart: the node comes back with its durable part only (everything it
 * persisted before sending; today that is its whole state) and re-arms the timers
 * its pending work needs, since armed timers are volatile.
 */
export function restart(state: NodeState, env: Env): StepResult {
  const pending = state.role === "participant"
    ? state.slots.some((s) => s.phase === "pre-prepared" || s.phase === "prepared" || s.phase === "committed")
    : unconfirmed(state, env.config.participantCount).length > 0;
  return { state, out: pending ? [{ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks }] : [] };
}
