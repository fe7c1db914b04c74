/**
 * byzcommit's exhaustive search: the engine's BFS level loop (engine/explore-bfs.ts)
 * over the world's own expansion (state-expander.ts), with the options only this
 * model has (the latent-Byzantine reduction, per-state hooks for tests).
 */
import {
  exploreBfsOf, type BfsOptions as LevelOptions, type BfsResult,
} from "../engine/explore-bfs.js";
import type { Violation } from "../engine/explore-bfs.js";
import { rootedAt } from "../engine/rooted-expansion.js";
import { describeAction, matchAction } from "./action-codec.js";
import { actionAt } from "./actions.js";
import { apply } from "./apply.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import { DeadMailCollector, deadMailProblem } from "./dead-mail.js";
import { DeadMailCrossCheck } from "./dead-mail-cross-check.js";
import { initialWorld } from "./initial-world.js";
import { SleepSets } from "./sleep-sets.js";
import { StateExpander } from "./state-expander.js";
import type { World } from "./world.js";

export type { BfsProgress, BfsResult, StopReason, Violation } from "../engine/explore-bfs.js";

export interface BfsOptions extends LevelOptions {
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
  /**
   * Partial-order reduction by sleep sets (sleep-sets.ts): a transition whose action commutes with everything taken
   * since a sibling explored it is not tried again. Every state is still reached; only transitions are saved.
   */
  readonly reducePartialOrder?: boolean;
  /** With it: try each sleeping transition anyway and require a known state (sleep-sets.ts `sleepSetInvariant`). */
  readonly checkPartialOrder?: boolean;
  /**
   * Search from this world instead of the initial one (`--from TRACE`): a violation's path is then the action
   * indices from it. Not with dead-mail collection (its paths are translated from the initial world).
   */
  readonly root?: World;
  /** Called with every new distinct state (tests use it to compare reductions). */
  readonly onState?: (world: World) => void;
  /**
   * Try every Byzantine move, building its delta, instead of counting in place the ones that reach no new state
   * (adversary-effective.ts: `inPlace`): false only in tests, which compare the two.
   */
  readonly countInPlace?: boolean;
  /** Recompute every new state's fingerprint from the built world and throw if the incremental one differs (tests). */
  readonly verifyFingerprints?: boolean;
  /**
   * Judge the whole-view invariants once per honest-observable projection (judged-projections.ts), the default;
   * false judges them on every new tuple of honest node states (tests compare both).
   */
  readonly judgeProjections?: boolean;
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
  return config.byzantine.length > 1
    ? `unsound with ${config.byzantine.length} Byzantine participants (one quorum may need two silent votes)`
    : null;
}

/** A search's result, with the transitions partial-order reduction did not try (0 without it). */
export interface WorldBfsResult extends BfsResult {
  readonly slept: number;
}

export function exploreBfs(ctx: CheckContext, options: BfsOptions): WorldBfsResult {
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
  const por = options.reducePartialOrder === true;
  // A shard skips the states of other shards, whose edges the sleep sets' argument needs.
  if (por && (options.shard ?? null) !== null) {
    throw new RangeError("partial-order reduction: not with a sharded search");
  }
  const sleep = por ? new SleepSets(ctx, options.depthMax) : null;
  const onState = options.onState;
  const checkSleep = options.checkPartialOrder === true;
  if (checkSleep && !por) throw new RangeError("the sleep-set cross-check needs partial-order reduction on");
  const countInPlace = options.countInPlace !== false;
  const expander = new StateExpander(ctx, {
    latent, verifyFingerprints, onState, deadMail, crossCheck, sleep, checkSleep, countInPlace,
    judgeProjections: options.judgeProjections !== false,
  });
  if (options.root !== undefined && (collects || crossChecks)) {
    throw new RangeError("dead-message collection: not with a search from a given root");
  }
  const found = exploreBfsOf(options.root === undefined ? expander : rootedAt(expander, options.root), options);
  const result = { ...found, slept: sleep?.pruned ?? 0 };
  if (result.violation === null || deadMail === null) return result;
  return { ...result, violation: uncollectedPath(result.violation, deadMail, ctx) };
}

/**
 * A path found with dead mail collected, as action indices of the uncollected world, which traces and replay use:
 * each action of the collected world is one of the uncollected world too (it holds more mail, never less), and
 * taking it there reaches the same world once the dead mail is collected.
 */
export function uncollectedPath(violation: Violation, deadMail: DeadMailCollector, ctx: CheckContext): Violation {
  let collected = deadMail.collectAll(initialWorld(ctx));
  let world = initialWorld(ctx);
  const path: number[] = [];
  for (const index of violation.path) {
    const action = actionAt(collected, ctx, index);
    const match = action === undefined ? null : matchAction(world, ctx, describeAction(action));
    if (action === undefined || match === null) {
      throw new Error(`dead-mail path: step ${path.length} has no uncollected match`);
    }
    path.push(match.index);
    collected = deadMail.collectAll(apply(collected, action, ctx).world);
    world = apply(world, match.action, ctx).world;
  }
  return { ...violation, path };
}
