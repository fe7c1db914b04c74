/**
 * Dead-message collection (issue 13; SPIN's dead-variable reduction is the anchor):
 * an in-flight envelope that its target ignores in every state it can still reach
 * (impl/core/dead-mail.ts `isDeadMail`) is taken off the network after each step, so
 * worlds that differ only in dead mail are one state. Delivering, dropping or copying
 * such an envelope changes no node, so no honest-observable behaviour is lost; a drop
 * of one only spent loss budget that a drop of live mail spends better.
 *
 * The world keeps no dead mail, and only a step can make mail dead: a delivery or
 * timer changes one node, so only the envelopes to that node and the ones it sent are
 * judged again; the rare other actions (crash, partitions, budgets) judge them all.
 * Judgements are memoized per (node state, restart state, message): node states are
 * hash-consed and messages interned (step-memo.ts, message-intern.ts).
 */
import { isDeadMail } from "../../impl/core/dead-mail.js";
import { hasNode, leaderOf } from "../../impl/core/quorum.js";
import { initialState } from "../../impl/core/step.js";
import type { NodeState } from "../../impl/core/types.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { sameEnvelope, withWorld, type Envelope, type World } from "./world.js";
import { asNodeId, asView } from "../../spec/ids.js";

/**
 * Why collection would be unsound for `config`, or null. The core's argument assumes no participant rests with
 * its view's leader proven (impl/core/dead-mail.ts): that holds while no two faulty nodes lead consecutive views,
 * since only faulty nodes are ever proven (I5, held by the search itself).
 */
export function deadMailProblem(config: CheckConfig): string | null {
  const n = config.n;
  const faulty = new Set<number>(config.byzantine);
  if (config.coordinator === "byzantine") faulty.add(n);
  for (let view = 0; view <= n; view++) {
    const a = leaderOf(asView(view), n);
    const b = leaderOf(asView(view + 1), n);
    if (faulty.has(a) && faulty.has(b)) {
      return `unsound when two faulty nodes lead consecutive views (${name(a, n)} and ${name(b, n)}): ` +
        "a participant that proves both changes view on any input, dead mail included";
    }
  }
  return null;
}

const name = (id: number, n: number): string => (id === n ? "C" : `P${id}`);

const noEnvelopes: Envelope[] = [];

export class DeadMailCollector {
  private readonly plain = new WeakMap<NodeState, Map<SignedMessage, boolean>>();
  private readonly restartable = new WeakMap<NodeState, WeakMap<NodeState, Map<SignedMessage, boolean>>>();
  private readonly initial: readonly NodeState[];

  constructor(private readonly ctx: CheckContext) {
    this.initial = Array.from({ length: ctx.config.n + 1 }, (_, id) => initialState(asNodeId(id), ctx.config.protocol));
  }

  /** Whether `e` is dead in `world`: its target ignores it for ever (or never runs again). */
  isDead(world: World, e: Envelope): boolean {
    return this.isDeadAt(world, e, world.nodes[e.to] as NodeState, world.persisted[e.to] ?? null);
  }

  /** `isDead` with the target's state and last persisted state given (a successor not built yet). */
  private isDeadAt(world: World, e: Envelope, node: NodeState, persisted: NodeState | null): boolean {
    const ctx = this.ctx;
    if (e.to === ctx.coordinator && world.silenced) return true; // never delivered again (actions.ts `deliverable`)
    if (hasNode(ctx.faulty, e.to)) return false;
    if (!this.mayCrash(world)) return this.judgePlain(node, e.message);
    return this.judgeRestartable(node, persisted ?? (this.initial[e.to] as NodeState), e.message);
  }

  /**
   * The dead mail after node `id` of `parent` (a world without dead mail) took one delivering step, read
   * before the successor is built: `removed` (one copy) left the network, `id` is now in `state` with
   * `persisted` as its last persisted state, and it sent `sent`. Only envelopes to `id`, and those it
   * sent, can have died. Each copy of the multiset is listed.
   */
  deadAfterPeek(
    parent: World, id: NodeId, state: NodeState, persisted: NodeState | null, removed: Envelope | null,
    sent: readonly Envelope[],
  ): Envelope[] {
    let dead: Envelope[] | null = null;
    let skip = removed;
    for (const e of parent.inFlight) {
      if (e.to !== id) continue;
      if (skip !== null && sameEnvelope(e, skip)) { skip = null; continue; }
      if (this.isDeadAt(parent, e, state, persisted)) (dead ??= []).push(e);
    }
    for (const e of sent) {
      const node = e.to === id ? state : parent.nodes[e.to] as NodeState;
      const saved = e.to === id ? persisted : parent.persisted[e.to] ?? null;
      if (this.isDeadAt(parent, e, node, saved)) (dead ??= []).push(e);
    }
    return dead ?? noEnvelopes;
  }

  /** `world` without its dead mail (the same object when it has none). */
  collectAll(world: World): World {
    return this.without(world, this.deadIn(world));
  }

  /** Every dead envelope in flight in `world`, each copy listed. */
  deadIn(world: World): readonly Envelope[] {
    return world.inFlight.filter((e) => this.isDead(world, e));
  }

  /** `world` with one copy of each of `dead` taken off the network. */
  without(world: World, dead: readonly Envelope[]): World {
    if (dead.length === 0) return world;
    // Copies of one envelope are equal values, not always one object: count them by fingerprint.
    const drop = new Map<string, number>();
    const key = (e: Envelope): string => `${e.hi}:${e.lo}`;
    for (const e of dead) drop.set(key(e), (drop.get(key(e)) ?? 0) + 1);
    const inFlight = world.inFlight.filter((e) => {
      const left = drop.get(key(e)) ?? 0;
      if (left === 0) return true;
      drop.set(key(e), left - 1);
      return false;
    });
    return withWorld(world, { inFlight });
  }

  /** Crashes can still happen: the judgement must hold from the state a restart returns to as well. */
  private mayCrash(world: World): boolean {
    return this.ctx.tracksPersistence && world.used.crashes < this.ctx.config.budgets.crashes;
  }

  private judgePlain(node: NodeState, m: SignedMessage): boolean {
    let row = this.plain.get(node);
    if (row === undefined) { row = new Map(); this.plain.set(node, row); }
    let dead = row.get(m);
    if (dead === undefined) { dead = isDeadMail(node, m, this.ctx.env); row.set(m, dead); }
    return dead;
  }

  private judgeRestartable(node: NodeState, restartFrom: NodeState, m: SignedMessage): boolean {
    let byRestart = this.restartable.get(node);
    if (byRestart === undefined) { byRestart = new WeakMap(); this.restartable.set(node, byRestart); }
    let row = byRestart.get(restartFrom);
    if (row === undefined) { row = new Map(); byRestart.set(restartFrom, row); }
    let dead = row.get(m);
    if (dead === undefined) { dead = isDeadMail(node, m, this.ctx.env, restartFrom); row.set(m, dead); }
    return dead;
  }
}
