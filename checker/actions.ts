/**
 * The actions of the world, each one step of depth (DESIGN.md §6), enumerated
 * in one fixed order so that a path of action indices replays exactly:
 *
 *   deliver · drop · duplicate · fire a timer · isolate/heal · crash-restart ·
 *   Byzantine send · Byzantine replay
 *
 * Copies of one envelope are one choice (delivering either gives the same world).
 * A Byzantine send is "sign m as b and deliver it to j" in one step: the adversary
 * controls timing, so putting its messages in flight first adds nothing.
 */
import type { Message, NodeId, Outcome, Signed, Txn } from "../spec/messages.js";
import type { TimerName } from "../impl/core/types.js";
import { forgedStateReplies } from "./adversary-state-reply.js";
import type { CheckContext } from "./context.js";
import { sameEnvelope, timerBits, type Envelope, type World } from "./world.js";

export type Action =
  | { readonly kind: "deliver"; readonly envelope: Envelope }
  | { readonly kind: "drop"; readonly envelope: Envelope }
  | { readonly kind: "duplicate"; readonly envelope: Envelope }
  | { readonly kind: "fire"; readonly node: NodeId; readonly timer: TimerName }
  | { readonly kind: "isolate"; readonly node: NodeId }
  | { readonly kind: "heal" }
  | { readonly kind: "crash"; readonly node: NodeId }
  | { readonly kind: "byzantine"; readonly from: NodeId; readonly to: NodeId; readonly message: Message }
  /** Two conflicting signed messages for one (kind, view, seq) to one target, back to back (see forEachEquivocation). */
  | { readonly kind: "equivocate"; readonly from: NodeId; readonly to: NodeId; readonly first: Message; readonly second: Message }
  | { readonly kind: "replay"; readonly from: NodeId; readonly to: NodeId; readonly envelope: Envelope }
  /** The client's submission: applied when the world is built, never enumerated. */
  | { readonly kind: "client"; readonly request: Signed<Txn>; readonly flag: Outcome };

export const linkOpen = (world: World, a: NodeId, b: NodeId): boolean =>
  world.isolated === -1 || (world.isolated !== a && world.isolated !== b);

const timerNames: readonly TimerName[] = ["resend", "view-change"];

/** Calls `visit` with every enabled action, in the fixed order; stops early when `visit` returns false. */
export function forEachAction(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): void {
  const { budgets } = ctx.config;
  const used = world.used;
  const flight = world.inFlight;
  for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if (i > 0 && sameEnvelope(e, flight[i - 1] as Envelope)) continue;
    if (linkOpen(world, e.from, e.to) && visit({ kind: "deliver", envelope: e }) === false) return;
  }
  if (used.loss < budgets.loss) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i === 0 || !sameEnvelope(e, flight[i - 1] as Envelope)) && visit({ kind: "drop", envelope: e }) === false) return;
  }
  if (used.dup < budgets.dup) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i === 0 || !sameEnvelope(e, flight[i - 1] as Envelope)) && visit({ kind: "duplicate", envelope: e }) === false) return;
  }
  if (used.timeouts < budgets.timeouts) for (const node of ctx.honest) {
    for (const timer of timerNames) {
      if ((world.timers[node] ?? 0) & timerBits[timer] && visit({ kind: "fire", node, timer }) === false) return;
    }
  }
  if (world.isolated !== -1) {
    if (visit({ kind: "heal" }) === false) return;
  } else if (used.partitions < budgets.partitions) {
    for (const node of ctx.honest) if (visit({ kind: "isolate", node }) === false) return;
  }
  if (used.crashes < budgets.crashes) for (const node of ctx.honest) if (visit({ kind: "crash", node }) === false) return;
  if (forEachByzantine(world, ctx, visit) === false) return;
}

function forEachByzantine(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): boolean {
  for (const [from, messages] of ctx.alphabet) {
    for (const message of messages) {
      const targets = message.kind === "Confirm" ? (ctx.config.coordinator === "honest" ? [ctx.coordinator] : []) : ctx.honestParticipants;
      for (const to of targets) {
        if (linkOpen(world, from, to) && visit({ kind: "byzantine", from, to, message }) === false) return false;
      }
    }
  }
  if (ctx.equivocationPairs && forEachEquivocation(world, ctx, visit) === false) return false;
  if (!ctx.replays) return true;
  const from = ctx.config.byzantine[0] ?? ctx.coordinator;
  for (const envelope of world.knowledge) {
    for (const to of ctx.honest) {
      if (to === envelope.message.signer || !linkOpen(world, from, to)) continue;
      if (visit({ kind: "replay", from, to, envelope }) === false) return false;
    }
  }
  return forEachForgedStateReply(world, ctx, visit);
}

/** A Byzantine participant's STATE-REPLY with a real proof and a wrong replica (adversary-state-reply.ts), to each honest participant. */
function forEachForgedStateReply(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): boolean {
  for (const from of ctx.config.byzantine) {
    for (const message of forgedStateReplies(world.knowledge, from, ctx.env)) {
      for (const to of ctx.honestParticipants) {
        if (linkOpen(world, from, to) && visit({ kind: "byzantine", from, to, message }) === false) return false;
      }
    }
  }
  return true;
}

/**
 * Equivocation as one move: under the latent-Byzantine reduction a lone vote the
 * target merely logs is skipped, so the first half of an equivocation would never
 * be delivered. Sending both halves back to back keeps every proof reachable.
 */
function forEachEquivocation(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): boolean {
  for (const [from, pairs] of ctx.equivocationPairs ?? []) {
    for (const [first, second] of pairs) {
      const targets = first.kind === "Confirm" ? (ctx.config.coordinator === "honest" ? [ctx.coordinator] : []) : ctx.honestParticipants;
      for (const to of targets) {
        if (linkOpen(world, from, to) && visit({ kind: "equivocate", from, to, first, second }) === false) return false;
      }
    }
  }
  return true;
}

/** The i-th enabled action, or undefined: how a path of indices replays. */
export function actionAt(world: World, ctx: CheckContext, index: number): Action | undefined {
  let i = 0;
  let found: Action | undefined;
  forEachAction(world, ctx, (a) => {
    if (i++ === index) { found = a; return false; }
    return true;
  });
  return found;
}

export function enabledActions(world: World, ctx: CheckContext): Action[] {
  const all: Action[] = [];
  forEachAction(world, ctx, (a) => { all.push(a); });
  return all;
}
