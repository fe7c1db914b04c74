/**
 * The actions of the world, each one step of depth (DESIGN.md §6), enumerated
 * in one fixed order so that a path of action indices replays exactly:
 *
 *   deliver · drop · duplicate · fire a timer · isolate/heal · crash-restart ·
 *   silence the coordinator · Byzantine send · Byzantine replay
 *
 * Copies of one envelope are one choice (delivering either gives the same world).
 * A Byzantine send is "sign m as b and deliver it to j" in one step: the adversary
 * controls timing, so putting its messages in flight first adds nothing.
 */
import type { Message, NewView, NodeId, Outcome, Signed, Txn, ViewChange } from "../spec/messages.js";
import { leaderOf } from "../impl/core/quorum.js";
import { newViewVariants } from "./adversary.js";
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
  /** `--coordinator silent`: the coordinator stops for good (once, at any step). */
  | { readonly kind: "silence" }
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
    if (linkOpen(world, e.from, e.to) && deliverable(world, ctx, e) && visit({ kind: "deliver", envelope: e }) === false) return;
  }
  if (used.loss < budgets.loss) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i === 0 || !sameEnvelope(e, flight[i - 1] as Envelope)) && deliverable(world, ctx, e) && visit({ kind: "drop", envelope: e }) === false) return;
  }
  if (used.dup < budgets.dup) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i === 0 || !sameEnvelope(e, flight[i - 1] as Envelope)) && deliverable(world, ctx, e) && visit({ kind: "duplicate", envelope: e }) === false) return;
  }
  if (used.timeouts < budgets.timeouts) for (const node of ctx.honest) {
    for (const timer of timerNames) {
      if ((world.timers[node] ?? 0) & timerBits[timer] && visit({ kind: "fire", node, timer }) === false) return;
    }
  }
  if (world.isolated !== -1) {
    if (visit({ kind: "heal" }) === false) return;
  } else if (used.partitions < budgets.partitions) {
    for (const node of ctx.honest) if (isRunning(world, ctx, node) && visit({ kind: "isolate", node }) === false) return;
  }
  if (used.crashes < budgets.crashes) {
    for (const node of ctx.honest) if (isRunning(world, ctx, node) && visit({ kind: "crash", node }) === false) return;
  }
  if (ctx.config.coordinator === "silent" && !world.silenced && visit({ kind: "silence" }) === false) return;
  if (forEachByzantine(world, ctx, visit) === false) return;
}

/** Whether `node` still takes steps: a silenced coordinator takes none. */
export const isRunning = (world: World, ctx: CheckContext, node: NodeId): boolean => !(world.silenced && node === ctx.coordinator);

/** Messages to a silenced coordinator stay in flight, never delivered (nor dropped or copied: that would change nothing). */
export const deliverable = (world: World, ctx: CheckContext, e: Envelope): boolean => !world.silenced || e.to !== ctx.coordinator;

/** Who a Byzantine message goes to: confirmations to a coordinator that runs the core, the rest to honest participants. */
function targetsOf(message: Message, ctx: CheckContext): readonly NodeId[] {
  if (message.kind !== "Confirm") return ctx.honestParticipants;
  return ctx.coordinatorStepped ? [ctx.coordinator] : [];
}

function forEachByzantine(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): boolean {
  for (const [from, messages] of ctx.alphabet) {
    for (const message of messages) {
      for (const to of targetsOf(message, ctx)) {
        if (linkOpen(world, from, to) && isRunning(world, ctx, to) && visit({ kind: "byzantine", from, to, message }) === false) return false;
      }
    }
  }
  if (ctx.equivocationPairs && forEachEquivocation(world, ctx, visit) === false) return false;
  if (!ctx.replays) return true;
  if (forEachNewView(world, ctx, visit) === false) return false;
  const from = ctx.config.byzantine[0] ?? ctx.coordinator;
  for (const envelope of world.knowledge) {
    for (const to of ctx.honest) {
      if (to === envelope.message.signer || !linkOpen(world, from, to) || !isRunning(world, ctx, to)) continue;
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
      for (const to of targetsOf(first, ctx)) {
        if (linkOpen(world, from, to) && isRunning(world, ctx, to) && visit({ kind: "equivocate", from, to, first, second }) === false) return false;
      }
    }
  }
  return true;
}

/**
 * A Byzantine leader of view 1 that has seen Q VIEW-CHANGEs for it (its own, from its
 * alphabet, and honest ones it received: the world's knowledge) may send a NEW-VIEW
 * built from them: the honest one or one that nulls a prepared seq (adversary.ts).
 * Knowledge-dependent, so enumerated here rather than in the fixed alphabet.
 */
function forEachNewView(world: World, ctx: CheckContext, visit: (action: Action) => boolean | void): boolean {
  const view = 1;
  const from = leaderOf(view, ctx.config.n);
  for (const message of newViewMovesKnown(world, ctx)) {
    for (const to of ctx.honestParticipants) {
      if (linkOpen(world, from, to) && visit({ kind: "byzantine", from, to, message }) === false) return false;
    }
  }
  return true;
}

/**
 * The NEW-VIEW moves depend on the knowledge alone, and a world shares its knowledge
 * array with its predecessor until a message reaches a Byzantine node: computed once
 * per knowledge array (deriving a NEW-VIEW hashes every certificate it carries).
 */
const newViewMovesCache = new WeakMap<CheckContext, WeakMap<readonly Envelope[], readonly Message[]>>();

function newViewMovesKnown(world: World, ctx: CheckContext): readonly Message[] {
  let byKnowledge = newViewMovesCache.get(ctx);
  if (byKnowledge === undefined) { byKnowledge = new WeakMap(); newViewMovesCache.set(ctx, byKnowledge); }
  const cached = byKnowledge.get(world.knowledge);
  if (cached !== undefined) return cached;
  const moves = newViewMovesOf(world, ctx);
  byKnowledge.set(world.knowledge, moves);
  return moves;
}

function newViewMovesOf(world: World, ctx: CheckContext): readonly Message[] {
  const view = 1;
  const from = leaderOf(view, ctx.config.n);
  const own = ctx.alphabet.get(from)?.find((m) => m.kind === "ViewChange" && m.view === view);
  if (own === undefined) return [];
  const known: Signed<ViewChange>[] = [ctx.messages.signed(from, own) as Signed<ViewChange>];
  for (const e of world.knowledge) if (e.message.body.kind === "ViewChange" && e.message.body.view === view) known.push(e.message as Signed<ViewChange>);
  if (known.length < ctx.config.protocol.quorum) return [];
  return newViewMoves(newViewVariants(view, known, ctx.env));
}

/**
 * Each NEW-VIEW variant, then what its leader must send for it to take effect: the
 * signed pre-prepares it mandates (a null one is in no fixed alphabet) and the leader's
 * own PREPARE and COMMIT for each, which an honest leader sends too. Without them a
 * NEW-VIEW that nulls a seq could be installed but never executed, and a receiver that
 * skipped the check (the new-view-unchecked mutant) would never show it.
 */
function newViewMoves(variants: readonly NewView[]): Message[] {
  const out: Message[] = [...variants];
  const seen = new Set<string>();
  for (const nv of variants) {
    for (const pp of nv.prePrepares) {
      const key = `${pp.seq}/${pp.digest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(pp, { kind: "Prepare", view: pp.view, seq: pp.seq, digest: pp.digest }, { kind: "Commit", view: pp.view, seq: pp.seq, digest: pp.digest });
    }
  }
  return out;
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
