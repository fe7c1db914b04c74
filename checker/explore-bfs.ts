/**
 * Exhaustive breadth-first search (DESIGN.md §6). Every state reached within
 * `depthMax` actions is held to the safety invariants; states are deduplicated
 * by 64-bit fingerprint in a typed-array set, and each stores only its parent's
 * index and the action index that reached it, so a counterexample is rebuilt by
 * replaying actions from the initial state. BFS finds a shortest one.
 */
import { safetyInvariants } from "../spec/invariants/index.js";
import { forEachAction, type Action } from "./actions.js";
import { apply } from "./apply.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import { globalView } from "./global-view-adapter.js";
import { initialWorld } from "./initial-world.js";
import { StateStore } from "./state-store.js";
import { BfsObserver } from "./bfs-observer.js";
import type { Fingerprint64 } from "./hash64.js";
import { emptyPeek, peekSuccessor } from "./peek-successor.js";
import type { RoutedStep } from "./routed-step.js";
import { BfsFingerprints } from "./successor-fingerprint.js";
import { VisitedSetFull } from "./visited-set.js";
import type { World } from "./world.js";

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
  /** Called with every new distinct state (tests use it to compare reductions). */
  readonly onState?: (world: World) => void;
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

const isAdversaryMove = (a: Action): boolean =>
  a.kind === "byzantine" || a.kind === "replay" || a.kind === "equivocate" || a.kind === "forge";

export function exploreBfs(ctx: CheckContext, options: BfsOptions): BfsResult {
  const store = new StateStore({ bytesMax: options.bytesMax, capacityInitial: 1 << 16 });
  const fp = { hi: 0, lo: 0 };
  const fingerprints = new BfsFingerprints(ctx);
  const check = new BfsFingerprints(ctx);
  const peeked = emptyPeek();
  const observer = new BfsObserver(ctx);

  const root = initialWorld(ctx);
  fingerprints.full(root, fp);
  store.addRoot(fp.hi, fp.lo);
  let transitions = 0;
  const finish = (stopReason: StopReason, depthExplored: number, violation: Violation | null): BfsResult => ({
    distinctStates: store.size, transitions, depthExplored, stopReason,
    complete: stopReason === "exhausted", violation, reached: observer.reached, visitedBytes: store.bytes,
  });
  const rootViolation = observer.observe(root);
  if (rootViolation !== null) return finish("violation", 0, { ...rootViolation, path: [] });

  let frontier: World[] = [root];
  let frontierIndex: number[] = [0];
  const pollEvery = options.pollEvery ?? 1 << 14;
  const latent = options.reduceLatentByzantine === true;
  const problem = latentReductionProblem(ctx.config);
  if (latent && problem !== null) throw new RangeError(`latent-Byzantine reduction: ${problem}`);
  let nextPoll = pollEvery;
  let depth = 0;
  for (; frontier.length > 0; depth++) {
    if (depth >= options.depthMax) return finish("depth", depth, null);
    const next: World[] = [];
    const nextIndex: number[] = [];
    // The states of the last level are checked but never expanded: keeping them would double the peak memory.
    const keep = depth + 1 < options.depthMax;
    const sizeBefore = store.size;
    for (let i = 0; i < frontier.length; i++) {
      const world = frontier[i] as World;
      const parent = frontierIndex[i] as number;
      frontier[i] = undefined as unknown as World; // expanded: let the collector have it
      fingerprints.setParent(world);
      let actionIndex = -1;
      let found: Violation | null = null;
      let stop: StopReason | null = null;
      forEachAction(world, ctx, (action) => {
        actionIndex++;
        transitions++;
        // Delivering actions are judged from the step memo and fingerprinted before the successor is built.
        let applied: ReturnType<typeof apply> | null;
        try {
          applied = peekSuccessor(world, action, ctx, peeked) ? null : apply(world, action, ctx);
        } catch (e) {
          // The core's own assertion (STYLE.md) is a finding, as in random mode (checked-step.ts), never a crash.
          const message = e instanceof Error ? e.message : String(e);
          found = { invariant: "core-assertion", message, path: [...store.pathTo(parent), actionIndex] };
          return false;
        }
        const effect = applied === null ? peeked.effect : applied.effect;
        const violation = applied === null ? peeked.violation : applied.violation;
        // A self-loop (the target ignored the message and said nothing) reaches no new state.
        if (effect === "none" && violation === null && isAdversaryMove(action)) return true;
        if (latent && effect === "absorbed" && violation === null && isAdversaryMove(action)) return true;
        if (violation !== null) {
          found = { ...violation, path: [...store.pathTo(parent), actionIndex] };
          return false;
        }
        if (applied === null) fingerprints.after(peeked.id, peeked.first as RoutedStep, peeked.second, peeked.removed, fp);
        else check.full(applied.world, fp);
        let index: number;
        try {
          index = store.add(fp.hi, fp.lo, parent, actionIndex);
        } catch (e) {
          if (e instanceof VisitedSetFull) { stop = "memory"; return false; }
          throw e;
        }
        if (index < 0) return true;
        const successor = applied === null ? apply(world, action, ctx).world : applied.world;
        if (options.verifyFingerprints === true) verifyFingerprint(check, successor, fp);
        options.onState?.(successor);
        const bad = observer.observe(successor);
        if (bad !== null) { found = { ...bad, path: store.pathTo(index) }; return false; }
        if (keep) {
          next.push(successor);
          nextIndex.push(index);
        }
        if (store.size >= options.statesMax) { stop = "states"; return false; }
        if (store.size >= nextPoll) {
          nextPoll += pollEvery;
          const stopNow = options.poll?.({ states: store.size, transitions, depth, frontier: frontier.length - i }) ?? null;
          if (stopNow !== null) {
            stop = stopNow;
            return false;
          }
        }
        return true;
      });
      if (found !== null) return finish("violation", depth, found);
      if (stop !== null) return finish(stop, depth, null);
    }
    // Unkept, the last level still says whether the search was cut by the bound or ran dry.
    if (!keep) return finish(store.size > sizeBefore ? "depth" : "exhausted", store.size > sizeBefore ? depth + 1 : depth, null);
    frontier = next;
    frontierIndex = nextIndex;
  }
  // Exhausted: the last level produced no new state, so every reachable state was checked.
  return finish("exhausted", depth - 1, null);
}

/** The incremental fingerprint must equal the one computed from the built world (tests turn this on). */
function verifyFingerprint(check: BfsFingerprints, world: World, fp: Fingerprint64): void {
  const full = { hi: 0, lo: 0 };
  check.full(world, full);
  if (full.hi !== fp.hi || full.lo !== fp.lo) throw new Error(`incremental fingerprint ${fp.hi}:${fp.lo} differs from ${full.hi}:${full.lo}`);
}
