/**
 * Exhaustive breadth-first search (DESIGN.md §6). Every state reached within
 * `depthMax` actions is held to the safety invariants; states are deduplicated
 * by 64-bit fingerprint in a typed-array set, and each stores only its parent's
 * index and the action index that reached it, so a counterexample is rebuilt by
 * replaying actions from the initial state. BFS finds a shortest one.
 */
import { safetyInvariants } from "../../spec/invariants/index.js";
import type { CheckConfig } from "../model/check-config.js";
import type { CheckContext } from "../model/context.js";
import { globalView } from "../model/global-view-adapter.js";
import { initialWorld } from "../model/initial-world.js";
import { actionAt } from "../model/actions.js";
import { describeAction, matchAction } from "../model/action-codec.js";
import { apply } from "../model/apply.js";
import { DeadMailCollector, deadMailProblem } from "../model/dead-mail.js";
import { DeadMailCrossCheck } from "../model/dead-mail-cross-check.js";
import { StateStore } from "./state-store.js";
import { StateExpander, type FoundViolation } from "../model/state-expander.js";
import { FrontierQueue } from "./frontier-queue.js";
import { WorldCodec } from "../model/world-codec.js";
import { shardOf, splitsHere, type Shard } from "./shard.js";
import type { World } from "../model/world.js";

export type StopReason = "exhausted" | "depth" | "states" | "memory" | "time" | "violation";

export interface Violation {
  readonly invariant: string;
  readonly message: string;
  /** Action indices from the initial world (see actions.ts: actionAt). */
  readonly path: readonly number[];
}

export interface BfsProgress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  /** Bytes held by the compact frontier: the level being expanded plus the one being built. */
  readonly frontierBytes: number;
}

export interface BfsOptions {
  readonly depthMax: number;
  readonly statesMax: number;
  readonly bytesMax: number;
  /**
   * Polled every `pollEvery` new states: the CLI's wall-clock and heap budgets and its progress
   * line live there. Returns why to stop ("time" or "memory"), or null to go on.
   */
  readonly poll?: (p: BfsProgress) => "time" | "memory" | null;
  /**
   * The latent-Byzantine reduction (off by default): skip a Byzantine move that the
   * target absorbs silently (logs it, emits nothing). See README "Reductions" for the
   * argument and its limits; counterexamples found with it are still concrete traces.
   */
  readonly reduceLatentByzantine?: boolean;
  /**
   * Dead-message collection (dead-mail.ts): in-flight mail its target ignores for ever is taken off the
   * network after each step. Violation paths are translated back to the uncollected world's action indices.
   */
  readonly collectDeadMail?: boolean;
  /** The cross-check instead (dead-mail-cross-check.ts): keep dead mail, deliver it, require self-loops. */
  readonly checkDeadMail?: boolean;
  /** Called with every new distinct state (tests use it to compare reductions). */
  readonly onState?: (world: World) => void;
  /**
   * Called when every state at distance <= `depth` has been reached: the CLI stamps each level
   * with wall time and RSS for the growth table. `frontier` counts the level's kept states.
   */
  readonly onLevel?: (level: BfsProgress) => void;
  /** Search only this shard's part below the split level (shard.ts); null or absent: the whole search. */
  readonly shard?: Shard | null;
  /** The level at which a sharded search splits; null or absent: shard.ts's splitsHere chooses. */
  readonly splitDepth?: number | null;
  readonly pollEvery?: number;
  /** Recompute every new state's fingerprint from the built world and throw if the incremental one differs (tests). */
  readonly verifyFingerprints?: boolean;
}

export interface BfsResult {
  readonly distinctStates: number;
  readonly transitions: number;
  /** Every state at distance <= depthExplored from the start was reached and checked. */
  readonly depthExplored: number;
  readonly stopReason: StopReason;
  readonly complete: boolean;
  readonly violation: Violation | null;
  readonly reached: readonly string[];
  readonly visitedBytes: number;
  /** The level a sharded search split at, or null (not sharded, or the bound came first: then it ran whole). */
  readonly splitDepth: number | null;
}

/** The first violated safety invariant of `world`, or null. */
export function firstViolation(world: World, ctx: CheckContext): { invariant: string; message: string } | null {
  const view = globalView(world, ctx);
  for (const inv of safetyInvariants) {
    const message = inv.check(view);
    if (message !== null) return { invariant: inv.name, message };
  }
  return null;
}

/**
 * Why the latent-Byzantine reduction would be unsound for `config`, or null. It skips a
 * Byzantine vote the target merely logs, on the argument that delivering it just before
 * the step that combines it with others reaches the same states. With one Byzantine
 * participant that step can always be its vote itself (each quorum counts it once). With
 * two, a quorum may need both (n=7, f=2: own + two honest + P5 + P6 PREPAREs); whichever
 * arrives first is logged silently, so it is never delivered and the quorum never forms.
 */
export function latentReductionProblem(config: CheckConfig): string | null {
  return config.byzantine.length > 1 ? `unsound with ${config.byzantine.length} Byzantine participants (one quorum may need two silent votes)` : null;
}

export function exploreBfs(ctx: CheckContext, options: BfsOptions): BfsResult {
  const store = new StateStore({ bytesMax: options.bytesMax, capacityInitial: 1 << 16 });
  const latent = options.reduceLatentByzantine === true;
  const problem = latentReductionProblem(ctx.config);
  if (latent && problem !== null) throw new RangeError(`latent-Byzantine reduction: ${problem}`);
  const verifyFingerprints = options.verifyFingerprints === true;
  const collects = options.collectDeadMail === true;
  const crossChecks = options.checkDeadMail === true;
  const deadProblem = collects || crossChecks ? deadMailProblem(ctx.config) : null;
  if (deadProblem !== null) throw new RangeError(`dead-message collection: ${deadProblem}`);
  const collector = collects || crossChecks ? new DeadMailCollector(ctx) : null;
  const deadMail = collects ? collector : null;
  const crossCheck = crossChecks ? new DeadMailCrossCheck(ctx, collector as DeadMailCollector) : null;
  const expander = new StateExpander(ctx, { latent, verifyFingerprints, onState: options.onState, deadMail, crossCheck });
  const observer = expander.observer;

  const root = deadMail === null ? initialWorld(ctx) : deadMail.collectAll(initialWorld(ctx));
  const rootFingerprint = expander.fingerprint(root);
  store.addRoot(rootFingerprint.hi, rootFingerprint.lo);
  const shard = options.shard ?? null;
  let splitDepth: number | null = null;
  const finish = (stopReason: StopReason, depthExplored: number, violation: Violation | null): BfsResult => ({
    distinctStates: store.size, transitions: expander.transitions, depthExplored, stopReason,
    complete: stopReason === "exhausted", violation, reached: observer.reached, visitedBytes: store.bytes, splitDepth,
  });
  const rootViolation = observer.observe(root);
  if (rootViolation !== null) return finish("violation", 0, { ...rootViolation, path: [] });

  // Levels are held as rows of interned ids (world-codec.ts), not as worlds: see frontier-queue.ts.
  const codec = new WorldCodec(ctx);
  let frontier = new FrontierQueue();
  codec.encode(root, 0, frontier);
  const pollEvery = options.pollEvery ?? 1 << 14;
  let nextPoll = pollEvery;
  let depth = 0;
  for (; frontier.length > 0; depth++) {
    if (depth >= options.depthMax) return finish("depth", depth, null);
    const next = new FrontierQueue();
    // The states of the last level are checked but never expanded: keeping them would double the peak memory.
    const keep = depth + 1 < options.depthMax;
    const sizeBefore = store.size;
    const onNew = (successor: World, index: number): StopReason | null => {
      if (keep) codec.encode(successor, index, next);
      if (store.size >= options.statesMax) return "states";
      if (store.size < nextPoll) return null;
      nextPoll += pollEvery;
      const frontierBytes = frontier.bytes + next.bytes;
      const transitions = expander.transitions;
      const progress = { states: store.size, transitions, depth, frontier: frontier.length, frontierBytes };
      return options.poll?.(progress) ?? null;
    };
    // A row's `parent` field is the index of the state it holds: its children name it as their parent.
    const split = shard !== null && splitDepth === null &&
      splitsHere(shard, options.splitDepth ?? null, depth, options.depthMax, frontier.length);
    if (split) splitDepth = depth;
    for (let row = codec.decode(frontier); row !== null; row = codec.decode(frontier)) {
      const { world, parent } = row;
      if (split && shardOf(parent, (shard as Shard).count) !== (shard as Shard).index) continue;
      const stop = expander.expand(world, parent, store, onNew);
      if (typeof stop === "string") return finish(stop as StopReason, depth, null);
      if (stop !== null) return finish("violation", depth, uncollectedPath(violationWithPath(stop, store), deadMail, ctx));
    }
    // Unkept, the last level still says whether the search was cut by the bound or ran dry.
    if (store.size > sizeBefore) {
      const transitions = expander.transitions;
      const frontierBytes = next.bytes;
      const level = { states: store.size, transitions, depth: depth + 1, frontier: next.length, frontierBytes };
      options.onLevel?.(level);
    }
    if (!keep) return finish(store.size > sizeBefore ? "depth" : "exhausted", store.size > sizeBefore ? depth + 1 : depth, null);
    frontier = next;
  }
  // Exhausted: the last level produced no new state, so every reachable state was checked.
  return finish("exhausted", depth - 1, null);
}

/**
 * A path found with dead mail collected, as action indices of the uncollected world, which traces and replay use:
 * each action of the collected world is one of the uncollected world too (it holds more mail, never less), and
 * taking it there reaches the same world once the dead mail is collected.
 */
function uncollectedPath(violation: Violation, deadMail: DeadMailCollector | null, ctx: CheckContext): Violation {
  if (deadMail === null) return violation;
  let collected = deadMail.collectAll(initialWorld(ctx));
  let world = initialWorld(ctx);
  const path: number[] = [];
  for (const index of violation.path) {
    const action = actionAt(collected, ctx, index);
    const match = action === undefined ? null : matchAction(world, ctx, describeAction(action));
    if (action === undefined || match === null) throw new Error(`dead-mail path: step ${path.length} has no uncollected match`);
    path.push(match.index);
    collected = deadMail.collectAll(apply(collected, action, ctx).world);
    world = apply(world, match.action, ctx).world;
  }
  return { ...violation, path };
}

/** The action path from the root to a found violation, rebuilt from the parent log. */
export function violationWithPath(found: FoundViolation, parents: { pathTo(index: number): number[] }): Violation {
  const path = parents.pathTo(found.index);
  const full = found.action === null ? path : [...path, found.action];
  return { invariant: found.invariant, message: found.message, path: full };
}
