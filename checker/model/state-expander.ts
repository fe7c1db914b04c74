/**
 * Expanding one BFS state: every enabled action read as a delta (transition.ts),
 * fingerprinted from that delta before its successor is built
 * (successor-fingerprint.ts), deduplicated through a sink, and each new successor
 * built from the same delta and held to the invariants. The sequential explorer (explore-bfs.ts) and each
 * parallel worker (bfs-worker.ts) run this same code, so both explore alike.
 */
import type { BfsExpansion, FoundViolation, Frontier, StateSink } from "../engine/bfs-expansion.js";
import { forEachAction, type Action } from "./actions.js";
import { BfsObserver } from "./bfs-observer.js";
import type { CheckContext } from "./context.js";
import type { Fingerprint64 } from "../engine/hash64.js";
import type { DeadMailCollector } from "./dead-mail.js";
import type { DeadMailCrossCheck } from "./dead-mail-cross-check.js";
import { sleepSetInvariant, type SleepSets } from "./sleep-sets.js";
import type { Envelope } from "./world.js";
import { BfsFingerprints, honestTupleKey } from "./successor-fingerprint.js";
import { commit, emptyDelta, keepsTail, transition, type Delta } from "./transition.js";
import { VisitedSetFull } from "../engine/visited-set.js";
import { initialWorld } from "./initial-world.js";
import { WorldCodec } from "./world-codec.js";
import { WorldFrontier } from "./world-frontier.js";
import type { World } from "./world.js";

export type { FoundViolation, StateSink };

export interface ExpanderOptions {
  readonly latent: boolean;
  /** Dead-message collection (dead-mail.ts): null or absent, off. */
  readonly deadMail?: DeadMailCollector | null;
  /** Instead of collecting, deliver what the collector calls dead, requiring a self-loop (dead-mail-cross-check.ts). */
  readonly crossCheck?: DeadMailCrossCheck | null;
  /** Partial-order reduction by sleep sets (sleep-sets.ts): null or absent, off. */
  readonly sleep?: SleepSets | null;
  /** Try sleeping transitions anyway and require that each reaches a known state (sleep-sets.ts). */
  readonly checkSleep?: boolean;
  readonly verifyFingerprints: boolean;
  /** Count the moves that reach no new state in place (actions.ts: ActionVisitor); false tries each (tests). */
  readonly countInPlace?: boolean;
  readonly onState: ((world: World) => void) | undefined;
  /** Whole-view invariants once per honest-observable projection (judged-projections.ts); absent: on. */
  readonly judgeProjections?: boolean;
}

const isAdversaryMove = (a: Action): boolean =>
  a.kind === "byzantine" || a.kind === "replay" || a.kind === "equivocate";

export class StateExpander implements BfsExpansion<World> {
  transitions = 0;
  readonly observer: BfsObserver;
  private readonly fingerprints: BfsFingerprints;
  private readonly scratch: BfsFingerprints;
  /** The delta of the action being tried, filled in place (transition.ts). */
  private delta: Delta | null = null;
  private readonly fp = { hi: 0, lo: 0 };
  /** The new successor's key for the observer (bfs-observer.ts), from the same hashes as `fp`. */
  private readonly tupleKey = { hi: 0, lo: 0 };
  /** One codec for every level of the search (world-frontier.ts); made on first use, as workers bring their own. */
  private codec: WorldCodec | null = null;

  constructor(private readonly ctx: CheckContext, private readonly options: ExpanderOptions) {
    this.observer = new BfsObserver(ctx, options.judgeProjections !== false);
    this.fingerprints = new BfsFingerprints(ctx);
    this.scratch = new BfsFingerprints(ctx);
  }

  root(): World {
    const deadMail = this.options.deadMail ?? null;
    return deadMail === null ? initialWorld(this.ctx) : deadMail.collectAll(initialWorld(this.ctx));
  }

  check(world: World): { invariant: string; message: string } | null { return this.observer.observe(world); }

  reached(): readonly string[] { return this.observer.reached; }

  newFrontier(): Frontier<World> {
    this.codec ??= new WorldCodec(this.ctx);
    return new WorldFrontier(this.codec);
  }

  /** The fingerprint of a world computed from scratch (the root's). */
  fingerprint(world: World): Fingerprint64 {
    const out = { hi: 0, lo: 0 };
    this.scratch.full(world, out);
    return out;
  }

  /**
   * Expands `world`, state `parent`. `onNew` gets each new successor and its index and may stop
   * the search (returns a reason). Returns a violation, a stop reason ("memory" when the sink is
   * full, or onNew's), or null when every action was tried.
   */
  expand(world: World, parent: number, sink: StateSink, onNew: (successor: World, index: number) => string | null):
    FoundViolation | string | null {
    const { ctx, fp, fingerprints, scratch } = this;
    const delta = this.delta ??= emptyDelta(world);
    const latent = this.options.latent;
    const deadMail = this.options.deadMail ?? null;
    const crossCheck = this.options.crossCheck ?? null;
    const sleep = this.options.sleep ?? null;
    sleep?.begin(parent);
    crossCheck?.setParent(world);
    fingerprints.setParent(world);
    let actionIndex = -1;
    /** The action whose step is being built, or -1: a throw from the core is a finding on that step. */
    let stepping = -1;
    let result: FoundViolation | string | null = null;
    const visit = (action: Action): boolean => {
      actionIndex++;
      const sleeping = sleep !== null && sleep.asleep(action);
      if (sleeping) {
        (sleep as SleepSets).pruned++;
        if (this.options.checkSleep !== true) return true;
      }
      this.transitions++;
      stepping = actionIndex;
      transition(world, action, ctx, delta);
      stepping = -1;
      const effect = delta.effect;
      const violation = delta.violation ?? crossCheck?.check(world, action) ?? null;
      // A self-loop (the target ignored the message and said nothing) reaches no new state.
      if (effect === "none" && violation === null && isAdversaryMove(action)) return true;
      if (latent && effect === "absorbed" && violation === null && isAdversaryMove(action)) return true;
      if (violation !== null) {
        result = { ...violation, index: parent, action: actionIndex };
        return false;
      }
      // Only a fault action must be built to find its dead mail (every envelope is judged again: they are rare).
      let built: World | null = null;
      let dead: readonly Envelope[] = noEnvelopes;
      if (deadMail !== null) {
        if (isLocal(world, delta)) dead = deadAfter(deadMail, world, delta, ctx.tracksPersistence);
        else dead = deadMail.deadIn(built = commit(world, delta, ctx));
      }
      fingerprints.after(delta, fp, dead);
      let index: number;
      try {
        index = sink.add(fp.hi, fp.lo, parent, actionIndex);
      } catch (e) {
        if (e instanceof VisitedSetFull) { result = "memory"; return false; }
        throw e;
      }
      if (sleeping) {
        if (index < 0) return true;
        result = { invariant: sleepSetInvariant, message: "a sleeping transition reached a new state", index: parent,
          action: actionIndex };
        return false;
      }
      if (index < 0) {
        sleep?.explore(action);
        return true;
      }
      if (sleep !== null) {
        sleep.admit(index, action, growsKnowledge(world, delta));
        sleep.explore(action);
      }
      built ??= commit(world, delta, ctx);
      const successor = deadMail === null ? built : deadMail.without(built, dead);
      fingerprints.honestAfter(delta, this.tupleKey);
      if (this.options.verifyFingerprints) verifyFingerprint(scratch, successor, fp, this.tupleKey, ctx);
      this.options.onState?.(successor);
      const bad = this.observer.observe(successor, this.tupleKey);
      if (bad !== null) { result = { ...bad, index, action: null }; return false; }
      result = onNew(successor, index);
      return result === null;
    };
    // Moves that would be tried and reach no new state (dropped as latent, or repeating an earlier move's change)
    // are counted in place (actions.ts: ActionVisitor), unless each tried move is looked at anyway: sleep sets ask
    // whether it sleeps, the cross-check delivers it.
    const inPlace = this.options.countInPlace !== false && sleep === null && crossCheck === null;
    try {
      forEachAction(world, ctx, inPlace ? Object.assign(visit, { latent, countInPlace: (moves: number) => {
        actionIndex += moves;
        this.transitions += moves;
      } }) : visit);
    } catch (e) {
      // What the core threw (its own `assert`, STYLE.md) while building a step is a finding on that step,
      // "core-assertion", as random and coverage runs judge it (checked-step.ts): the step leaves the world as it
      // was, so its trace rebuilds and replays. Anything else is the checker's own fault and goes on up.
      if (stepping < 0) throw e;
      return { invariant: "core-assertion", message: e instanceof Error ? e.message : String(e), index: parent,
        action: stepping };
    }
    return result;
  }
}

const noEnvelopes: Envelope[] = [];

/**
 * A delta that changes one node's state and the network by its steps alone (a delivery, a Byzantine move, the
 * client's submission): only the envelopes to that node and those it sent can have died.
 */
const isLocal = (world: World, delta: Delta): boolean =>
  delta.timersCleared === 0 && delta.copied === null && keepsTail(world, delta);

/**
 * Whether a step may have grown the faulty nodes' knowledge (it leaked signed mail to one). A fault action
 * (not local) counts as growing it: more dependence only prunes less.
 */
function growsKnowledge(world: World, delta: Delta): boolean {
  if (!isLocal(world, delta)) return true;
  return (delta.first?.knows.length ?? 0) > 0 || (delta.second?.knows.length ?? 0) > 0;
}

/** The dead mail after a local delta: envelopes to the stepped node and those it sent, judged on its new state. */
function deadAfter(deadMail: DeadMailCollector, world: World, delta: Delta, tracksPersistence: boolean):
  readonly Envelope[] {
  const { first, second } = delta;
  if (first === null) return noEnvelopes;
  const last = second ?? first;
  const saved = second !== null && second.persists ? second : first.persists ? first : null;
  const persisted = !tracksPersistence ? null : saved !== null ? saved.state : world.persisted[delta.node] ?? null;
  const sent = second === null ? first.sends : [...first.sends, ...second.sends];
  return deadMail.deadAfterPeek(world, delta.node, last.state, persisted, delta.removed, sent);
}

/**
 * The incremental fingerprint must equal the one computed from the built world (tests turn this on), and so must
 * the observer's key that `honestAfter` corrected.
 */
function verifyFingerprint(check: BfsFingerprints, world: World, fp: Fingerprint64, key: Fingerprint64,
  ctx: CheckContext): void {
  const full = { hi: 0, lo: 0 };
  check.full(world, full);
  if (full.hi !== fp.hi || full.lo !== fp.lo) {
    throw new Error(`incremental fingerprint ${fp.hi}:${fp.lo} differs from ${full.hi}:${full.lo}`);
  }
  honestTupleKey(world, ctx, full);
  if (full.hi === key.hi && full.lo === key.lo) return;
  throw new Error(`incremental observer key ${key.hi}:${key.lo} differs from ${full.hi}:${full.lo}`);
}
