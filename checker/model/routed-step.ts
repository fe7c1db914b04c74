/**
 * A node's step as a delta on the world (DESIGN.md §6): its new state, the
 * envelopes it sends to honest nodes, the signed messages it leaks to faulty ones
 * (their knowledge, for replays), and its timer operations. A delta depends only
 * on the step result and the state before it, so step-memo.ts can keep it; the
 * world it is applied to supplies the rest (`applyRouted`).
 */
import type { Message, NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState, Output, StepResult } from "../../impl/core/types.js";
import { executionOrderProblem, expiredExecutionProblem } from "../../spec/invariants/integrity.js";
import { hasNode } from "../../impl/core/quorum.js";
import { assertNever } from "../../impl/core/assert.js";
import type { StepContext } from "./step-context.js";
import { addMultiset64 } from "../engine/hash64.js";
import { checkReport, type TransitionViolation } from "./transition-checks.js";
import {
  compareEnvelopes, mergeSortedEnvelopes, insertEnvelope, sameEnvelope, timerBits, type Envelope, type World,
} from "./world.js";
import { asNodeId } from "../../spec/ids.js";

/**
 * How the stepped node reacted: "none" when its state and outputs are unchanged (the
 * action is a self-loop: the world is the same), "absorbed" when only its state changed
 * and it emitted nothing, "reacted" otherwise (and for actions that step no node).
 */
export type StepEffect = "none" | "absorbed" | "reacted";

export interface RoutedStep {
  readonly state: NodeState;
  /** Envelopes to honest nodes, sorted by fingerprint. */
  readonly sends: readonly Envelope[];
  /** Signed messages that reached a faulty node (to: -1), each once, in send order. */
  readonly knows: readonly Envelope[];
  /** Timer bits whose last operation in the step armed them, and those it cancelled. */
  readonly timersSet: number;
  readonly timersCleared: number;
  readonly violation: TransitionViolation | null;
  readonly effect: StepEffect;
  /** The step wrote its durable part (a Persist output): a crash now restarts from `state`. */
  readonly persists: boolean;
  /** The structural fingerprint of `state`, and the multiset sum of `sends`: what an incremental fingerprint needs. */
  readonly stateHi: number;
  readonly stateLo: number;
  readonly sendsHi: number;
  readonly sendsLo: number;
}

export const effectOf = (before: NodeState, result: StepResult): StepEffect =>
  result.out.length > 0 ? "reacted" : result.state === before ? "none" : "absorbed";

export function makeEnvelope(ctx: StepContext, from: NodeId, to: NodeId, message: SignedMessage): Envelope {
  const h = ctx.hasher.hash(message);
  const mhi = h.hi;
  const mlo = h.lo;
  // Mix the endpoints in so that one message to two receivers is two distinct envelopes.
  const hi = (Math.imul(mhi ^ (from * 0x9e3779b1), 0x85ebca6b) ^ (to * 0xc2b2ae35)) >>> 0;
  const lo = (Math.imul(mlo ^ (to * 0x27d4eb2f), 0x165667b1) ^ (from * 0x61c88647)) >>> 0;
  return { from, to, message, hi, lo };
}

/** Turns a step's outputs into a delta: sends become envelopes (or Byzantine knowledge), timers become bit masks. */
export function routeOutputs(id: NodeId, result: StepResult, before: NodeState | null, ctx: StepContext,
  effect: StepEffect): RoutedStep {
  const sends: Envelope[] = [];
  const knows: Envelope[] = [];
  let timersSet = 0;
  let persists = false;
  let timersCleared = 0;
  let lastExecuted = before !== null && before.role === "participant" ? before.lastExecuted : -1;
  let decidedInStep = false;
  let violation: TransitionViolation | null = null;
  let signedFor: Message | null = null;
  let signed: SignedMessage | null = null;
  for (const o of result.out as readonly Output[]) {
    switch (o.kind) {
      case "Send": {
        if (o.message !== signedFor) { signedFor = o.message; signed = ctx.messages.signed(id, o.message); }
        if (!hasNode(ctx.faulty, o.to)) {
          sends.push(makeEnvelope(ctx, id, o.to, signed as SignedMessage));
        } else if (ctx.replays) {
          // Knowledge is per signed message, whichever faulty node received it (they collude).
          const k = makeEnvelope(ctx, id, asNodeId(-1), signed as SignedMessage);
          if (!knows.some((x) => sameEnvelope(x, k))) knows.push(k);
        }
        break;
      }
      case "ArmTimer":
        timersSet |= timerBits[o.timer];
        timersCleared &= ~timerBits[o.timer];
        break;
      case "CancelTimer":
        timersCleared |= timerBits[o.timer];
        timersSet &= ~timerBits[o.timer];
        break;
      case "Decide":
        // A batch's txns decide one after another at one seq (spec/batch.ts): one slot, checked once.
        if (violation === null && !(decidedInStep && o.seq === lastExecuted)) {
          // I3: slots execute strictly in order, without gaps (spec/invariants/integrity.ts).
          const problem = executionOrderProblem(id, lastExecuted, o.seq);
          if (problem !== null) violation = { invariant: "integrity", message: problem };
        }
        if (violation === null && o.txn !== null) {
          // I3: at most once, also after pruning: never past the expiry the client signed.
          const expires = ctx.config.txns.find((t) => t.txn.id === o.txn)?.txn.expires;
          const problem = expiredExecutionProblem(id, o.seq, o.txn, expires);
          if (problem !== null) violation = { invariant: "integrity", message: problem };
        }
        lastExecuted = o.seq;
        decidedInStep = true;
        break;
      case "Persist":
        persists = true;
        break;
      case "Report":
        if (violation === null) violation = checkReport(id, o.evidence, ctx);
        break;
      case "Reply":
        break;
      default: assertNever(o);
    }
  }
  sends.sort(compareEnvelopes);
  const sum = { hi: 0, lo: 0 };
  for (const e of sends) addMultiset64(sum, e.hi, e.lo);
  const h = ctx.hasher.hash(result.state);
  return { state: result.state, sends, knows, timersSet, timersCleared, violation, effect, persists,
    stateHi: h.hi, stateLo: h.lo, sendsHi: sum.hi, sendsLo: sum.lo };
}

/**
 * The world after node `id` took the step `routed` describes, with `inFlight` (the world's unless given) as the
 * messages before it sent.
 */
export function applyRouted(world: World, id: NodeId, routed: RoutedStep, ctx: StepContext,
  inFlightBefore: readonly Envelope[] = world.inFlight): World {
  const nodes = world.nodes.slice();
  nodes[id] = routed.state;
  let knowledge = world.knowledge;
  for (const k of routed.knows) {
    if (!knowledge.some((x) => sameEnvelope(x, k))) knowledge = insertEnvelope(knowledge, k);
  }
  let timers = world.timers;
  const bits = timers[id] ?? 0;
  const next = (bits & ~routed.timersCleared) | routed.timersSet;
  if (next !== bits) { timers = timers.slice(); (timers as number[])[id] = next; }
  const inFlight = routed.sends.length === 0 ? inFlightBefore : mergeSortedEnvelopes(inFlightBefore, routed.sends);
  let persisted = world.persisted;
  if (routed.persists && ctx.tracksPersistence && persisted[id] !== routed.state) {
    persisted = persisted.slice();
    (persisted as (NodeState | null)[])[id] = routed.state;
  }
  return {
    nodes, inFlight, timers, used: world.used, isolated: world.isolated, knowledge, persisted, silenced: world.silenced,
  };
}
