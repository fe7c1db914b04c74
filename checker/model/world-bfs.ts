/**
 * byzcommit's exhaustive search: the engine's BFS level loop (engine/explore-bfs.ts)
 * over the world's own expansion (state-expander.ts), with the options only this
 * model has (the latent-Byzantine reduction, per-state hooks for tests).
 */
import {
  exploreBfsOf, type BfsOptions as LevelOptions, type BfsResult,
} from "../engine/explore-bfs.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
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
  /** Called with every new distinct state (tests use it to compare reductions). */
  readonly onState?: (world: World) => void;
  /** Recompute every new state's fingerprint from the built world and throw if the incremental one differs (tests). */
  readonly verifyFingerprints?: boolean;
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

export function exploreBfs(ctx: CheckContext, options: BfsOptions): BfsResult {
  const latent = options.reduceLatentByzantine === true;
  const problem = latentReductionProblem(ctx.config);
  if (latent && problem !== null) throw new RangeError(`latent-Byzantine reduction: ${problem}`);
  const verifyFingerprints = options.verifyFingerprints === true;
  return exploreBfsOf(new StateExpander(ctx, { latent, verifyFingerprints, onState: options.onState }), options);
}
