/**
 * Applying one action to the world: step the receiving node through the pure
 * core, sign what it sends as itself, and route its outputs (DESIGN.md §6).
 * Also checks the transition properties that a single state cannot show:
 * integrity of execution order (I3) and detection completeness (I6).
 */
import type { Message, NodeId, SignedMessage } from "../spec/messages.js";
import { initialState, restart, step } from "../impl/core/step.js";
import type { Input, NodeState, Output, StepResult } from "../impl/core/types.js";
import { hasNode } from "../impl/core/quorum.js";
import { assertNever } from "../impl/core/assert.js";
import { isRunning, type Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import { checkDelivery, type TransitionViolation } from "./transition-checks.js";
import { insertEnvelope, mergeEnvelopes, removeEnvelopeAt, sameEnvelope, timerBits, type Envelope, type World } from "./world.js";

export interface Applied {
  readonly world: World;
  readonly violation: TransitionViolation | null;
  /**
   * How the stepped node reacted: "none" when its state and outputs are unchanged (the
   * action is a self-loop: the world is the same), "absorbed" when only its state changed
   * and it emitted nothing, "reacted" otherwise (and for actions that step no node).
   */
  readonly effect: "none" | "absorbed" | "reacted";
}

export function makeEnvelope(ctx: CheckContext, from: NodeId, to: NodeId, message: SignedMessage): Envelope {
  const h = ctx.hasher.hash(message);
  const mhi = h.hi;
  const mlo = h.lo;
  // Mix the endpoints in so that one message to two receivers is two distinct envelopes.
  const hi = (Math.imul(mhi ^ (from * 0x9e3779b1), 0x85ebca6b) ^ (to * 0xc2b2ae35)) >>> 0;
  const lo = (Math.imul(mlo ^ (to * 0x27d4eb2f), 0x165667b1) ^ (from * 0x61c88647)) >>> 0;
  return { from, to, message, hi, lo };
}

function indexOf(list: readonly Envelope[], e: Envelope): number {
  return list.findIndex((x) => sameEnvelope(x, e));
}

export function apply(world: World, action: Action, ctx: CheckContext): Applied {
  switch (action.kind) {
    case "deliver": {
      const rest = { ...world, inFlight: removeEnvelopeAt(world.inFlight, indexOf(world.inFlight, action.envelope)) };
      return deliver(rest, action.envelope.to, action.envelope.from, action.envelope.message, ctx);
    }
    case "drop":
      return done({ ...world, inFlight: removeEnvelopeAt(world.inFlight, indexOf(world.inFlight, action.envelope)),
        used: { ...world.used, loss: world.used.loss + 1 } });
    case "duplicate":
      return done({ ...world, inFlight: insertEnvelope(world.inFlight, action.envelope), used: { ...world.used, dup: world.used.dup + 1 } });
    case "fire": {
      const timers = world.timers.slice();
      timers[action.node] = (timers[action.node] ?? 0) & ~timerBits[action.timer];
      const next = { ...world, timers, used: { ...world.used, timeouts: world.used.timeouts + 1 } };
      return stepNode(next, action.node, { kind: "TimerFired", timer: action.timer }, ctx, null);
    }
    case "isolate": return done({ ...world, isolated: action.node, used: { ...world.used, partitions: world.used.partitions + 1 } });
    case "heal": return done({ ...world, isolated: -1 });
    case "crash": {
      const timers = world.timers.slice();
      timers[action.node] = 0;
      const next = { ...world, timers, used: { ...world.used, crashes: world.used.crashes + 1 } };
      // Back from what it last persisted: whatever it changed since is lost with its memory.
      const last = world.persisted[action.node] ?? initialState(action.node, ctx.config.protocol);
      return route(next, action.node, restart(last, ctx.env), ctx, null);
    }
    case "silence": {
      // The coordinator stops for good: its timers die and what is on the way to it is lost.
      const timers = world.timers.slice();
      timers[ctx.coordinator] = 0;
      const inFlight = world.inFlight.filter((e) => e.to !== ctx.coordinator);
      return done({ ...world, timers, inFlight, silenced: true });
    }
    case "byzantine": return deliver(world, action.to, action.from, ctx.messages.signed(action.from, action.message), ctx);
    case "replay": return deliver(world, action.to, action.from, action.envelope.message, ctx);
    case "equivocate": {
      const first = deliver(world, action.to, action.from, ctx.messages.signed(action.from, action.first), ctx);
      if (first.violation !== null) return first;
      const second = deliver(first.world, action.to, action.from, ctx.messages.signed(action.from, action.second), ctx);
      return { ...second, effect: first.effect === "reacted" ? "reacted" : second.effect === "none" ? first.effect : second.effect };
    }
    case "client": return stepNode(world, ctx.coordinator, { kind: "Submit", request: action.request, flag: action.flag }, ctx, null);
    default: return assertNever(action);
  }
}

const done = (world: World): Applied => ({ world, violation: null, effect: "reacted" });

function deliver(world: World, to: NodeId, from: NodeId, message: SignedMessage, ctx: CheckContext): Applied {
  return stepNode(world, to, { kind: "Delivered", from, message }, ctx, message);
}

function stepNode(world: World, id: NodeId, input: Input, ctx: CheckContext, delivered: SignedMessage | null): Applied {
  if (!isRunning(world, ctx, id)) return { world, violation: null, effect: "none" };
  const before = world.nodes[id] as NodeState;
  const result = step(before, input, ctx.env);
  const effect = result.out.length > 0 ? "reacted" : result.state === before ? "none" : "absorbed";
  const applied = route(world, id, result, ctx, before);
  const violation = applied.violation ?? (delivered === null ? null : checkDelivery(before, result.state, delivered, ctx));
  return { world: applied.world, violation, effect };
}

/** Routes a step's outputs into the world: sends become envelopes (or Byzantine knowledge), timers flip bits. */
function route(world: World, id: NodeId, result: StepResult, ctx: CheckContext, before: NodeState | null): Applied {
  const nodes = world.nodes.slice();
  nodes[id] = result.state;
  let added: Envelope[] | null = null;
  let knowledge = world.knowledge;
  let timers = world.timers;
  let persisted = world.persisted;
  let lastExecuted = before !== null && before.role === "participant" ? before.lastExecuted : -1;
  let violation: TransitionViolation | null = null;
  let signedFor: Message | null = null;
  let signed: SignedMessage | null = null;
  for (const o of result.out as readonly Output[]) {
    switch (o.kind) {
      case "Send": {
        if (o.message !== signedFor) { signedFor = o.message; signed = ctx.messages.signed(id, o.message); }
        if (!isRunning(world, ctx, o.to)) {
          // Sent to a coordinator that has stopped: lost.
        } else if (!hasNode(ctx.faulty, o.to)) {
          (added ??= []).push(makeEnvelope(ctx, id, o.to, signed as SignedMessage));
        } else if (ctx.replays) {
          // Knowledge is per signed message, whichever faulty node received it (they collude).
          const k = makeEnvelope(ctx, id, -1, signed as SignedMessage);
          if (!knowledge.some((x) => sameEnvelope(x, k))) knowledge = insertEnvelope(knowledge, k);
        }
        break;
      }
      case "ArmTimer":
      case "CancelTimer": {
        const bits = timers[id] ?? 0;
        const next = o.kind === "ArmTimer" ? bits | timerBits[o.timer] : bits & ~timerBits[o.timer];
        if (next !== bits) { timers = timers.slice(); (timers as number[])[id] = next; }
        break;
      }
      case "Decide":
        // I3: slots execute strictly in order, without gaps.
        if (lastExecuted >= 0 && o.seq !== lastExecuted + 1 && violation === null) {
          violation = { invariant: "integrity", message: `node ${id} executed seq ${o.seq} after seq ${lastExecuted}` };
        }
        lastExecuted = o.seq;
        break;
      case "Persist":
        if (ctx.tracksPersistence && persisted[id] !== result.state) { persisted = persisted.slice(); (persisted as (NodeState | null)[])[id] = result.state; }
        break;
      case "Reply":
      case "Report":
        break;
      default: assertNever(o);
    }
  }
  const inFlight = added === null ? world.inFlight : mergeEnvelopes(world.inFlight, added);
  return { world: { ...world, nodes, inFlight, knowledge, timers, persisted }, violation, effect: "reacted" };
}
