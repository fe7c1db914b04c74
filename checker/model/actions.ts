/**
 * The actions of the world, each one step of depth (DESIGN.md §6), enumerated
 * in one fixed order so that a path of action indices replays exactly:
 *
 *   deliver · drop · duplicate · fire a timer · isolate/heal · crash-restart ·
 *   late submission · silence the coordinator · Byzantine send · equivocation · forgery · composite · replay
 *
 * Copies of one envelope are one choice (delivering either gives the same world).
 * A Byzantine send is "sign m as b and deliver it to j" in one step: the adversary
 * controls timing, so putting its messages in flight first adds nothing.
 */
import type { Message, NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState, TimerName } from "../../impl/core/types.js";
import type { Composites } from "./action-caches.js";
import type { MoveChain } from "./adversary-effective.js";
import { composites } from "./adversary-composites.js";
import { compositesWithCorruptions } from "./adversary-corruptions.js";
import type { CheckContext } from "./context.js";
import { leaderOf } from "../../impl/core/quorum.js";
import { nextLateSubmit, type ClientSubmit } from "./late-submits.js";
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
  /** Two conflicting signed messages for one (kind, view, seq) to one target, back to back (forEachEquivocation). */
  | {
    readonly kind: "equivocate"; readonly from: NodeId; readonly to: NodeId;
    readonly first: Message; readonly second: Message;
  }
  | { readonly kind: "replay"; readonly from: NodeId; readonly to: NodeId; readonly envelope: Envelope }
  /** `from` sends `message` naming `signer`, with a signature that does not verify (symbolic-crypto.ts: forgeAs). */
  | { readonly kind: "forge"; readonly from: NodeId; readonly to: NodeId; readonly signer: NodeId;
      readonly message: Message }
  /** The client's submission (late-submits.ts: ClientSubmit). */
  | ClientSubmit;

/**
 * What forEachAction calls with each action. With `countInPlace` set (the BFS expander, without sleep sets or the
 * dead-mail cross-check), each Byzantine move that the expander would try and find reaching no new state is
 * counted by `countInPlace(n)` in its place (a run of n such moves at once), in the same order, so indices and
 * counts stay as they were without building it: under the latent-Byzantine reduction (`latent`) a move its target
 * only absorbs or ignores with no check failing, and with or without it a move that repeats an earlier one's change
 * of the world (adversary-effective.ts: `inPlace`).
 */
export interface ActionVisitor {
  (action: Action): boolean | void;
  readonly countInPlace?: (moves: number) => void;
  readonly latent?: boolean;
}

export const linkOpen = (world: World, a: NodeId, b: NodeId): boolean =>
  world.isolated === -1 || (world.isolated !== a && world.isolated !== b);

const timerNames: readonly TimerName[] = ["resend", "view-change"];

/** Calls `visit` with every enabled action, in the fixed order; stops early when `visit` returns false. */
/**
 * `selfLoops`: also the Byzantine moves the target would ignore without a word, which the
 * enumeration leaves out (adversary-effective.ts); a replay of a trace recorded before
 * that, or with another core, asks for them (action-codec.ts).
 */
export function forEachAction(
  world: World, ctx: CheckContext, visit: (action: Action) => boolean | void, selfLoops = false,
): void {
  const { budgets } = ctx.config;
  const used = world.used;
  const flight = world.inFlight;
  for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if (i > 0 && sameEnvelope(e, flight[i - 1] as Envelope)) continue;
    if (!linkOpen(world, e.from, e.to) || !deliverable(world, ctx, e)) continue;
    if (visit({ kind: "deliver", envelope: e }) === false) return;
  }
  if (used.loss < budgets.loss) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i > 0 && sameEnvelope(e, flight[i - 1] as Envelope)) || !deliverable(world, ctx, e)) continue;
    if (visit({ kind: "drop", envelope: e }) === false) return;
  }
  if (used.dup < budgets.dup) for (let i = 0; i < flight.length; i++) {
    const e = flight[i] as Envelope;
    if ((i > 0 && sameEnvelope(e, flight[i - 1] as Envelope)) || !deliverable(world, ctx, e)) continue;
    if (visit({ kind: "duplicate", envelope: e }) === false) return;
  }
  if (used.timeouts < budgets.timeouts) for (const node of ctx.honest) {
    for (const timer of timerNames) {
      if ((world.timers[node] ?? 0) & timerBits[timer] && visit({ kind: "fire", node, timer }) === false) return;
    }
  }
  if (world.isolated !== -1) {
    if (visit({ kind: "heal" }) === false) return;
  } else if (used.partitions < budgets.partitions) {
    for (const node of ctx.honest) {
      if (isRunning(world, ctx, node) && visit({ kind: "isolate", node }) === false) return;
    }
  }
  if (used.crashes < budgets.crashes) {
    for (const node of ctx.honest) if (isRunning(world, ctx, node) && visit({ kind: "crash", node }) === false) return;
  }
  const late = nextLateSubmit(world, ctx);
  if (late !== null && visit(late) === false) return;
  if (ctx.config.coordinator === "silent" && !world.silenced && visit({ kind: "silence" }) === false) return;
  if (forEachByzantine(world, ctx, visit, selfLoops) === false) return;
}

/** Whether `node` still takes steps: a silenced coordinator takes none. */
export const isRunning = (world: World, ctx: CheckContext, node: NodeId): boolean =>
  !(world.silenced && node === ctx.coordinator);

/** Messages to a silenced coordinator stay in flight, never delivered (nor dropped or copied: that changes nothing). */
export const deliverable = (world: World, ctx: CheckContext, e: Envelope): boolean =>
  !world.silenced || e.to !== ctx.coordinator;

/**
 * Who a Byzantine message from `from` goes to: confirmations to a coordinator that runs the core;
 * CHECKPOINTs, VIEW-CHANGEs and NEW-VIEWs, which it follows too, to it and to every honest
 * participant; the rest to honest participants. A NEW-VIEW for a view `from` does not lead goes to
 * the coordinator only: a participant proves it at once, as it proves a non-leader's PRE-PREPARE, and
 * sent to all it multiplied the moves of every search for no new check at the participants.
 */
function targetsOf(message: Message, ctx: CheckContext, from: NodeId): readonly NodeId[] {
  switch (message.kind) {
    case "Confirm": return ctx.coordinatorStepped ? [ctx.coordinator] : [];
    case "NewView":
      if (leaderOf(message.view, ctx.config.n) === from) return ctx.honest;
      return ctx.coordinatorStepped ? [ctx.coordinator] : [];
    case "Checkpoint":
    case "ViewChange": return ctx.honest;
    default: return ctx.honestParticipants;
  }
}

/**
 * One enumeration's Byzantine moves: whether self-loops are asked for, and per target the chain of lists of moves
 * to it so far (adversary-effective.ts: MoveChain), so that a move repeating one of an earlier list is counted too.
 */
interface MovePass {
  readonly selfLoops: boolean;
  readonly chains: (MoveChain | undefined)[];
}

function forEachByzantine(
  world: World, ctx: CheckContext, visit: (action: Action) => boolean | void, selfLoops: boolean,
): boolean {
  const pass: MovePass = { selfLoops, chains: [] };
  for (const [from, messages] of ctx.alphabet) {
    if (forEachSend(world, ctx, from, messages, visit, pass) === false) return false;
  }
  if (ctx.equivocationPairs && forEachEquivocation(world, ctx, visit, pass) === false) return false;
  if (forEachForgery(world, ctx, visit, pass) === false) return false;
  if (!ctx.replays) return true;
  if (ctx.adversary.composes && forEachComposite(world, ctx, visit, pass) === false) return false;
  if (!ctx.adversary.replays) return true;
  const from = ctx.config.byzantine[0] ?? ctx.coordinator;
  for (const envelope of world.knowledge) {
    for (const to of ctx.honest) {
      if (to === envelope.message.signer || !linkOpen(world, from, to) || !isRunning(world, ctx, to)) continue;
      if (visit({ kind: "replay", from, to, envelope }) === false) return false;
    }
  }
  return true;
}

function routed<T>(list: readonly T[], from: NodeId, to: NodeId, ctx: CheckContext, message: (t: T) => Message,
  excluded?: (t: T) => NodeId): readonly T[] {
  // Per list of moves and target, the moves that go to it (targetsOf): computed once per list in a run (each list
  // is one sender's).
  let byTarget = ctx.actionCaches.routes.get(list);
  if (byTarget === undefined) { byTarget = new Map(); ctx.actionCaches.routes.set(list, byTarget); }
  let sub = byTarget.get(to);
  if (sub === undefined) {
    sub = list.filter((t) => targetsOf(message(t), ctx, from).includes(to) && excluded?.(t) !== to);
    byTarget.set(to, sub);
  }
  return sub as readonly T[];
}

/**
 * `from`'s moves of `list` to every honest node it can reach, target by target in id
 * order, each in list order; moves the target would ignore without a word are left out
 * (adversary-effective.ts).
 */
function forEachMove<T>(world: World, ctx: CheckContext, from: NodeId, list: readonly T[], message: (t: T) => Message,
  signed: (t: T) => readonly SignedMessage[], action: (t: T, to: NodeId) => Action,
  visit: ActionVisitor, pass: MovePass, excluded?: (t: T) => NodeId, dropsLatent = true): boolean {
  const selfLoops = pass.selfLoops;
  const counted = selfLoops ? undefined : visit.countInPlace;
  const latent = dropsLatent && visit.latent === true;
  for (const to of ctx.honest) {
    if (!linkOpen(world, from, to) || !isRunning(world, ctx, to)) continue;
    const sub = routed(list, from, to, ctx, message, excluded);
    if (sub.length === 0) continue;
    const state = world.nodes[to] as NodeState;
    let effective = sub;
    let tried: Int32Array | null = null;
    if (counted !== undefined) {
      // The filter and the members to try in one lookup: this runs per target and list of every state expanded.
      const planned = ctx.effective.inPlace(pass.chains[to] ?? null, state, to, from, sub, signed, ctx, latent);
      pass.chains[to] = planned.chain;
      effective = planned.effective as readonly T[];
      tried = planned.tried;
    } else if (!selfLoops) effective = ctx.effective.filter(state, to, from, sub, signed, ctx);
    if (tried === null) {
      for (let i = 0; i < effective.length; i++) if (visit(action(effective[i] as T, to)) === false) return false;
    } else if (!visitTried(effective, tried, to, action, visit, counted as (moves: number) => void)) return false;
  }
  return true;
}

/**
 * The members of `effective` at the indices `tried` visited, the runs of members between them counted in bulk:
 * nearly every Byzantine move of the big alphabets is counted in place, and one call per move was the loop's cost.
 */
function visitTried<T>(effective: readonly T[], tried: Int32Array, to: NodeId, action: (t: T, to: NodeId) => Action,
  visit: ActionVisitor, counted: (moves: number) => void): boolean {
  let next = 0;
  for (let k = 0; k < tried.length; k++) {
    const i = tried[k] as number;
    if (i > next) counted(i - next);
    if (visit(action(effective[i] as T, to)) === false) return false;
    next = i + 1;
  }
  if (effective.length > next) counted(effective.length - next);
  return true;
}

function forEachSend(world: World, ctx: CheckContext, from: NodeId, list: readonly Message[],
  visit: (action: Action) => boolean | void, pass: MovePass): boolean {
  return forEachMove(world, ctx, from, list, (m) => m, (m) => [ctx.messages.signed(from, m)],
    (message, to): Action => ({ kind: "byzantine", from, to, message }), visit, pass);
}

/** Forgeries (adversary.ts): a message naming an honest signer, with a signature that does not verify. */
function forEachForgery(
  world: World, ctx: CheckContext, visit: (action: Action) => boolean | void, pass: MovePass,
): boolean {
  // A forgery is never dropped as latent (only sends, equivocations and replays are), but may repeat another.
  for (const [from, forgeries] of ctx.adversary.forgeries) {
    const ok = forEachMove(world, ctx, from, forgeries, (f) => f.message,
      (f) => [ctx.forgeries.forged(f.signer, from, f.message)],
      (f, to): Action => ({ kind: "forge", from, to, signer: f.signer, message: f.message }), visit, pass,
      (f) => f.signer, false);
    if (!ok) return false;
  }
  return true;
}

/**
 * Equivocation as one move: under the latent-Byzantine reduction a lone vote the
 * target merely logs is skipped, so the first half of an equivocation would never
 * be delivered. Sending both halves back to back keeps every proof reachable.
 */
function forEachEquivocation(
  world: World, ctx: CheckContext, visit: (action: Action) => boolean | void, pass: MovePass,
): boolean {
  for (const [from, pairs] of ctx.equivocationPairs ?? []) {
    const ok = forEachMove(world, ctx, from, pairs, (p) => p[0],
      (p) => [ctx.messages.signed(from, p[0]), ctx.messages.signed(from, p[1])],
      ([first, second], to): Action => ({ kind: "equivocate", from, to, first, second }), visit, pass);
    if (!ok) return false;
  }
  return true;
}

/** The composites each faulty node builds from the world's knowledge (adversary-composites.ts), to every target. */
function forEachComposite(
  world: World, ctx: CheckContext, visit: (action: Action) => boolean | void, pass: MovePass,
): boolean {
  for (const [from, messages] of compositesKnown(world, ctx)) {
    if (forEachSend(world, ctx, from, messages, visit, pass) === false) return false;
  }
  return true;
}

/**
 * Composites depend on the knowledge alone. A world shares its knowledge array with its
 * predecessor until a message reaches a faulty node, and equal knowledge reached along
 * different paths has one content key: computed once per distinct knowledge per run.
 */
function compositesKnown(world: World, ctx: CheckContext): Composites {
  const cache = ctx.actionCaches;
  const hit = cache.compositesByArray.get(world.knowledge);
  if (hit !== undefined) return hit;
  const key = world.knowledge.map((e) => `${e.hi}:${e.lo}`).join(",");
  let built = cache.compositesByKey.get(key);
  if (built === undefined) {
    const map = new Map<NodeId, readonly Message[]>();
    // `--corrupt` adds every single-field corruption of each composite (adversary-corruptions.ts).
    const corrupt = ctx.config.corrupt === true;
    for (const [from, source] of ctx.adversary.sources) {
      map.set(from, corrupt ? compositesWithCorruptions(source, world.knowledge, ctx.canonicalKeys)
        : composites(source, world.knowledge));
    }
    built = map;
    cache.compositesByKey.set(key, built);
  }
  cache.compositesByArray.set(world.knowledge, built);
  return built;
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
