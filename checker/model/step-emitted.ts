/**
 * What the node that an action steps emitted (sends, decisions, evidence), for
 * replay's --verbose and the diagrams. A transition's delta (transition.ts) keeps
 * routed steps, not the raw outputs, so they are recomputed here by stepping the same node
 * with the same input once more: the core is pure, so this is the same result.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { initialState, restart, step } from "../../impl/core/step.js";
import type { Input, NodeState, Output, StepResult } from "../../impl/core/types.js";
import { assertNever } from "../../impl/core/assert.js";
import type { Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

export interface Emitted {
  readonly node: NodeId;
  readonly out: readonly Output[];
}

/** The outputs of the node `action` steps in `world` (before the action), or null when it steps none. */
export function emittedBy(world: World, action: Action, ctx: CheckContext): Emitted | null {
  if (action.kind === "equivocate") return emittedByPair(world, action, ctx);
  const target = steppedNode(action, ctx);
  if (target === null) return null;
  const state = world.nodes[target.node] as NodeState;
  let result: StepResult;
  try {
    // A crash restarts the node from what it last persisted (apply.ts).
    const persisted = world.persisted[target.node] ?? initialState(target.node, ctx.config.protocol);
    result = target.input === null ? restart(persisted, ctx.env) : step(state, target.input, ctx.env);
  } catch {
    return null; // the core's own assertion: the replay reports it as the step's violation
  }
  return { node: target.node, out: result.out };
}

/** An equivocation delivers two messages back to back: the outputs of both steps, in order. */
function emittedByPair(
  world: World, action: Extract<Action, { kind: "equivocate" }>, ctx: CheckContext,
): Emitted | null {
  const before = world.nodes[action.to] as NodeState;
  const deliver = (state: NodeState, body: typeof action.first): StepResult =>
    step(state, { kind: "Delivered", from: action.from, message: ctx.messages.signed(action.from, body) }, ctx.env);
  try {
    const first = deliver(before, action.first);
    const second = deliver(first.state, action.second);
    return { node: action.to, out: [...first.out, ...second.out] };
  } catch {
    return null;
  }
}

const delivered = (from: NodeId, message: SignedMessage): Input => ({ kind: "Delivered", from, message });

/** The stepped node and its input; input null means a crash-restart. */
function steppedNode(action: Action, ctx: CheckContext): { node: NodeId; input: Input | null } | null {
  switch (action.kind) {
    case "deliver":
      return { node: action.envelope.to, input: delivered(action.envelope.from, action.envelope.message) };
    case "replay": return { node: action.to, input: delivered(action.from, action.envelope.message) };
    case "forge": {
      const message = ctx.forgeries.forged(action.signer, action.from, action.message);
      return { node: action.to, input: delivered(action.from, message) };
    }
    case "equivocate": return null; // two inputs: see emittedByPair
    case "byzantine":
      return { node: action.to, input: delivered(action.from, ctx.messages.signed(action.from, action.message)) };
    case "fire": return { node: action.node, input: { kind: "TimerFired", timer: action.timer } };
    case "crash": return { node: action.node, input: null };
    case "client":
      return { node: ctx.coordinator, input: { kind: "Submit", request: action.request, flag: action.flag } };
    case "drop":
    case "duplicate":
    case "isolate":
    case "heal":
    case "silence": return null;
    default: return assertNever(action);
  }
}
