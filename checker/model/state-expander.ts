/**
 * Expanding one BFS state: every enabled action, judged from the step memo and
 * fingerprinted before its successor is built (peek-successor.ts,
 * successor-fingerprint.ts), deduplicated through a sink, and each new successor
 * held to the invariants. The sequential explorer (explore-bfs.ts) and each
 * parallel worker (bfs-worker.ts) run this same code, so both explore alike.
 */
import type { BfsExpansion, FoundViolation, Frontier, StateSink } from "../engine/bfs-expansion.js";
import { forEachAction, type Action } from "./actions.js";
import { apply, type Applied } from "./apply.js";
import { BfsObserver } from "./bfs-observer.js";
import type { CheckContext } from "./context.js";
import type { Fingerprint64 } from "../engine/hash64.js";
import { emptyPeek, peekSuccessor, type Peeked } from "./peek-successor.js";
import type { RoutedStep } from "./routed-step.js";
import type { DeadMailCollector } from "./dead-mail.js";
import type { DeadMailCrossCheck } from "./dead-mail-cross-check.js";
import { sleepSetInvariant, type SleepSets } from "./sleep-sets.js";
import type { Envelope } from "./world.js";
import { BfsFingerprints } from "./successor-fingerprint.js";
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
  /** Instead of collecting, deliver what the collector calls dead and require a self-loop (dead-mail-cross-check.ts). */
  readonly crossCheck?: DeadMailCrossCheck | null;
  /** Partial-order reduction by sleep sets (sleep-sets.ts): null or absent, off. */
  readonly sleep?: SleepSets | null;
  /** Try sleeping transitions anyway and require that each reaches a known state (sleep-sets.ts). */
  readonly checkSleep?: boolean;
  readonly verifyFingerprints: boolean;
  readonly onState: ((world: World) => void) | undefined;
}

const isAdversaryMove = (a: Action): boolean =>
  a.kind === "byzantine" || a.kind === "replay" || a.kind === "equivocate";

export class StateExpander implements BfsExpansion<World> {
  transitions = 0;
  readonly observer: BfsObserver;
  private readonly fingerprints: BfsFingerprints;
  private readonly scratch: BfsFingerprints;
  private readonly peeked = emptyPeek();
  private readonly fp = { hi: 0, lo: 0 };
  /** One codec for every level of the search (world-frontier.ts); made on first use, as workers bring their own. */
  private codec: WorldCodec | null = null;

  constructor(private readonly ctx: CheckContext, private readonly options: ExpanderOptions) {
    this.observer = new BfsObserver(ctx);
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
    const { ctx, peeked, fp, fingerprints, scratch } = this;
    const latent = this.options.latent;
    const deadMail = this.options.deadMail ?? null;
    const crossCheck = this.options.crossCheck ?? null;
    const sleep = this.options.sleep ?? null;
    sleep?.begin(parent);
    crossCheck?.setParent(world);
    fingerprints.setParent(world);
    let actionIndex = -1;
    let result: FoundViolation | string | null = null;
    forEachAction(world, ctx, (action) => {
      actionIndex++;
      const sleeping = sleep !== null && sleep.asleep(action);
      if (sleeping) {
        (sleep as SleepSets).pruned++;
        if (this.options.checkSleep !== true) return true;
      }
      this.transitions++;
      const applied = peekSuccessor(world, action, ctx, peeked) ? null : collected(apply(world, action, ctx), deadMail);
      const effect = applied === null ? peeked.effect : applied.effect;
      const violation = (applied === null ? peeked.violation : applied.violation) ?? crossCheck?.check(world, action) ?? null;
      // A self-loop (the target ignored the message and said nothing) reaches no new state.
      if (effect === "none" && violation === null && isAdversaryMove(action)) return true;
      if (latent && effect === "absorbed" && violation === null && isAdversaryMove(action)) return true;
      if (violation !== null) {
        result = { ...violation, index: parent, action: actionIndex };
        return false;
      }
      let dead: Envelope[] = noEnvelopes;
      if (applied === null) {
        if (deadMail !== null) dead = deadAfter(deadMail, world, peeked, ctx.tracksPersistence);
        fingerprints.after(peeked.id, peeked.first as RoutedStep, peeked.second, peeked.removed, fp, dead);
      }
      else scratch.full(applied.world, fp);
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
        sleep.admit(index, action, growsKnowledge(world, applied, peeked));
        sleep.explore(action);
      }
      const built = applied === null ? apply(world, action, ctx).world : applied.world;
      const successor = deadMail === null ? built : deadMail.without(built, dead);
      if (this.options.verifyFingerprints) verifyFingerprint(scratch, successor, fp);
      this.options.onState?.(successor);
      const bad = this.observer.observe(successor);
      if (bad !== null) { result = { ...bad, index, action: null }; return false; }
      result = onNew(successor, index);
      return result === null;
    });
    return result;
  }
}

const noEnvelopes: Envelope[] = [];

/** Whether a step may have grown the faulty nodes' knowledge (it leaked signed mail to one). */
function growsKnowledge(world: World, applied: Applied | null, peeked: Peeked): boolean {
  if (applied !== null) return applied.world.knowledge !== world.knowledge;
  return (peeked.first?.knows.length ?? 0) > 0 || (peeked.second?.knows.length ?? 0) > 0;
}

/** A non-delivering action's result with its dead mail collected (every envelope judged: such actions are rare). */
function collected(applied: Applied, deadMail: DeadMailCollector | null): Applied {
  return deadMail === null ? applied : { ...applied, world: deadMail.collectAll(applied.world) };
}

/** The dead mail after a peeked step: envelopes to the stepped node and those it sent, judged on its new state. */
function deadAfter(deadMail: DeadMailCollector, world: World, peeked: Peeked, tracksPersistence: boolean): Envelope[] {
  const first = peeked.first as RoutedStep;
  const second = peeked.second;
  const last = second ?? first;
  const saved = second !== null && second.persists ? second : first.persists ? first : null;
  const persisted = !tracksPersistence ? null : saved !== null ? saved.state : world.persisted[peeked.id] ?? null;
  const sent = second === null ? first.sends : [...first.sends, ...second.sends];
  return deadMail.deadAfterPeek(world, peeked.id, last.state, persisted, peeked.removed, sent);
}

/** The incremental fingerprint must equal the one computed from the built world (tests turn this on). */
function verifyFingerprint(check: BfsFingerprints, world: World, fp: Fingerprint64): void {
  const full = { hi: 0, lo: 0 };
  check.full(world, full);
  if (full.hi === fp.hi && full.lo === fp.lo) return;
  throw new Error(`incremental fingerprint ${fp.hi}:${fp.lo} differs from ${full.hi}:${full.lo}`);
}
