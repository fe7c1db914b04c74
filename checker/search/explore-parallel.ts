/**
 * Breadth-first search on worker threads (`--workers N`): the same levels, the same
 * expansion (state-expander.ts) and so the same set of states as explore-bfs.ts, with
 * the visited set shared in memory (shared-visited-set.ts). The main thread only runs
 * the level loop: it asks every worker to expand its own frontier, waits for all, and
 * decides whether to go on, exactly as the sequential loop does after each level.
 *
 * What differs from the sequential search: which worker finds a state first, and so
 * the state indices and the parent a state is logged with, vary from run to run; the
 * counterexample found first may be another (any is a shortest one within a level,
 * as the level is finished before it is reported). Transition counts add up the same,
 * since every new state is expanded exactly once, by the worker that claimed it.
 */
import { Worker } from "node:worker_threads";
import type { CheckContext } from "../model/context.js";
import type { LevelReply, WorkerRequest, WorkerSetup } from "./bfs-worker.js";
import { violationWithPath } from "../engine/explore-bfs.js";
import type { BfsOptions, BfsResult, StopReason } from "../model/world-bfs.js";
import { SharedVisitedSet } from "../engine/shared-visited-set.js";
import { StateExpander, type FoundViolation } from "../model/state-expander.js";
import { initialWorld } from "../model/initial-world.js";

type SequentialOnly = "onState" | "verifyFingerprints" | "shard" | "splitDepth" | "pollEvery";

export interface ParallelOptions extends Omit<BfsOptions, SequentialOnly> {
  readonly workers: number;
  /** How often the main thread calls `poll` while workers run (ms). */
  readonly pollMs?: number;
}

function askLevel(workers: readonly Worker[], keep: boolean): Promise<LevelReply[]> {
  return Promise.all(workers.map((w) => new Promise<LevelReply>((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    w.once("error", onError);
    w.once("message", (reply: LevelReply) => {
      w.off("error", onError);
      resolve(reply);
    });
    w.postMessage({ kind: "level", keep } satisfies WorkerRequest);
  })));
}

export async function exploreBfsParallel(ctx: CheckContext, options: ParallelOptions): Promise<BfsResult> {
  const latent = options.reduceLatentByzantine === true;
  const buffers = SharedVisitedSet.allocate(options.bytesMax);
  const visited = new SharedVisitedSet(buffers);
  // The root is state 0, claimed here so that every worker's first lookup of it answers "known".
  const workers = Array.from({ length: options.workers }, (_, i) => {
    const setup: WorkerSetup = {
      config: ctx.config, buffers, latent, statesMax: options.statesMax, seedsRoot: i === 0,
    };
    return new Worker(new URL("./bfs-worker.js", import.meta.url), { workerData: setup });
  });
  let reached = new Set<string>();
  let transitions = 0;
  const finish = (stopReason: StopReason, depthExplored: number, found: FoundViolation | null): BfsResult => ({
    distinctStates: visited.size, transitions, depthExplored, stopReason, complete: stopReason === "exhausted",
    violation: found === null ? null : violationWithPath(found, visited), reached: [...reached],
    visitedBytes: visited.bytes, splitDepth: null,
  });
  let polled: StopReason | null = null;
  const timer = setInterval(() => {
    // Depth and frontier are the workers' business mid-level; -1 says "not known here".
    const progress = { states: visited.size, transitions, depth: -1, frontier: -1, frontierBytes: -1 };
    const stop = options.poll?.(progress) ?? null;
    if (stop !== null) { polled = stop; visited.stop(); }
  }, options.pollMs ?? 1000);
  try {
    const rootFingerprint = seedRoot(ctx, visited);
    if (rootFingerprint < 0) throw new Error("the root was already in a fresh visited set");
    let frontier = 1;
    for (let depth = 0; frontier > 0; depth++) {
      if (depth >= options.depthMax) return finish("depth", depth, null);
      const keep = depth + 1 < options.depthMax;
      const sizeBefore = visited.size;
      const replies = await askLevel(workers, keep);
      transitions = replies.reduce((a, r) => a + r.transitions, 0);
      reached = new Set([...reached, ...replies.flatMap((r) => r.reached)]);
      const found = replies.find((r) => r.found !== null)?.found ?? null;
      if (found !== null) return finish("violation", depth, found);
      const stop = replies.find((r) => r.stop !== null)?.stop ?? null;
      if (stop !== null) return finish(stop === "stopped" ? polled ?? "time" : stop as StopReason, depth, null);
      frontier = replies.reduce((a, r) => a + r.frontier, 0);
      const grew = visited.size > sizeBefore;
      if (grew) {
        const frontierBytes = replies.reduce((a, r) => a + r.frontierBytes, 0);
        options.onLevel?.({ states: visited.size, transitions, depth: depth + 1, frontier, frontierBytes });
      }
      if (!keep) return finish(grew ? "depth" : "exhausted", grew ? depth + 1 : depth, null);
      if (!grew) return finish("exhausted", depth, null);
    }
    return finish("exhausted", 0, null);
  } finally {
    clearInterval(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Claims state 0 for the root, with the fingerprint the workers will compute for it. */
function seedRoot(ctx: CheckContext, visited: SharedVisitedSet): number {
  const expander = new StateExpander(ctx, { latent: false, verifyFingerprints: false, onState: undefined });
  const fp = expander.fingerprint(initialWorld(ctx));
  return visited.add(fp.hi, fp.lo, -1, -1);
}
