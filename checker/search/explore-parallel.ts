/**
 * Breadth-first search on worker threads (`--workers N`): the same levels, the same
 * expansion (state-expander.ts) and so the same set of states as explore-bfs.ts, with
 * the visited set shared in memory (shared-visited-set.ts). The main thread only runs
 * the level loop: it asks every worker to expand its own frontier, waits for all, and
 * decides whether to go on, exactly as the sequential loop does after each level.
 *
 * Every worker but the first starts idle: once a level holds `splitWidth` states a worker, each takes
 * its share of it (bfs-split.ts) and from then on expands the states it claims.
 *
 * What differs from the sequential search: which worker finds a state first, and so
 * the state indices and the parent a state is logged with, vary from run to run; the
 * counterexample found first may be another (any is a shortest one within a level,
 * as the level is finished before it is reported). Transition counts add up the same,
 * since every new state is expanded exactly once, by the worker that claimed it.
 */
import { Worker } from "node:worker_threads";
import type { CheckContext } from "../model/context.js";
import type { LevelReply, ShareReply, SplitReply, WorkerRequest } from "./bfs-worker.js";
import { violationWithPath } from "../engine/explore-bfs.js";
import { latentReductionProblem, uncollectedPath } from "../model/world-bfs.js";
import type { BfsOptions, BfsResult, StopReason } from "../model/world-bfs.js";
import { SharedVisitedSet } from "../engine/shared-visited-set.js";
import { StateExpander, type FoundViolation } from "../model/state-expander.js";
import { DeadMailCollector, deadMailProblem } from "../model/dead-mail.js";
import { ownerOf } from "./bfs-split.js";

type SequentialOnly =
  | "onState" | "verifyFingerprints" | "shard" | "splitDepth" | "pollEvery" | "checkDeadMail" | "reducePartialOrder"
  | "checkPartialOrder" | "root" | "countInPlace" | "judgeProjections";

/**
 * States a worker at which the level is split among the workers: enough that fingerprint shares are even, few
 * enough that re-deriving the prefix privately costs little beside the search.
 */
const splitWidth = 64;

export interface ParallelOptions extends Omit<BfsOptions, SequentialOnly> {
  readonly workers: number;
  /** Handed the visited set when the search ends (tests read its fingerprints). */
  readonly onVisited?: (visited: SharedVisitedSet) => void;
  /** The visited set's first active table, in slots (shared-visited-set.ts; tests start small to grow it often). */
  readonly tableSlots?: number;
  /** Workers to use, kept for the next root (several roots: one after another); absent, made and ended here. */
  readonly pool?: WorkerPool;
  /** How often the main thread calls `poll` while workers run (ms). */
  readonly pollMs?: number;
}

/** Worker threads for one root's search after another: each loads the checker's modules once. */
export class WorkerPool {
  readonly workers: readonly Worker[];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL("./bfs-worker.js", import.meta.url)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function ask<R>(worker: Worker, request: WorkerRequest): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    worker.once("error", onError);
    worker.once("message", (reply: R) => {
      worker.off("error", onError);
      resolve(reply);
    });
    worker.postMessage(request);
  });
}

const askLevel = (workers: readonly Worker[], keep: boolean): Promise<LevelReply[]> =>
  Promise.all(workers.map((w) => ask<LevelReply>(w, { kind: "level", keep })));

/**
 * While workers paused their level on a full active table (and none found a violation or hit a bound), grows it
 * and lets them go on; `replies` ends up holding every worker's reply for the whole level.
 */
async function growWhilePaused(workers: readonly Worker[], replies: LevelReply[], visited: SharedVisitedSet):
  Promise<void> {
  for (;;) {
    const paused = replies.flatMap((r, i) => (r.stop === "grow" ? [i] : []));
    const ended = replies.some((r) => r.found !== null || (r.stop !== null && r.stop !== "grow"));
    if (paused.length === 0 || ended) return;
    visited.grow();
    const resumed = await Promise.all(paused.map((i) => ask<LevelReply>(workers[i] as Worker, { kind: "resume" })));
    paused.forEach((w, k) => { replies[w] = resumed[k] as LevelReply; });
  }
}

/** Hands every worker its share of the frontier of BFS depth `depth`, all of it held by worker 0 (bfs-split.ts). */
async function split(workers: readonly Worker[], depth: number): Promise<void> {
  const [first, ...others] = workers;
  if (first === undefined) return;
  const { rows } = await ask<ShareReply>(first, { kind: "share", workers: workers.length });
  await Promise.all(others.map((w, i) => ask<SplitReply>(w, {
    kind: "split", depth, rows: rows.filter((r) => ownerOf(r.lo, workers.length) === i + 1),
  })));
}

export async function exploreBfsParallel(ctx: CheckContext, options: ParallelOptions): Promise<BfsResult> {
  const latent = options.reduceLatentByzantine === true;
  const problem = latentReductionProblem(ctx.config);
  if (latent && problem !== null) throw new RangeError(`latent-Byzantine reduction: ${problem}`);
  const deadMail = options.collectDeadMail === true;
  const deadProblem = deadMail ? deadMailProblem(ctx.config) : null;
  if (deadProblem !== null) throw new RangeError(`dead-message collection: ${deadProblem}`);
  const buffers = SharedVisitedSet.allocate(options.bytesMax, options.tableSlots);
  const visited = new SharedVisitedSet(buffers);
  const pool = options.pool ?? new WorkerPool(options.workers);
  const workers = pool.workers;
  let reached = new Set<string>();
  let transitions = 0;
  const finish = (stopReason: StopReason, depthExplored: number, found: FoundViolation | null): BfsResult => {
    options.onVisited?.(visited);
    return result(stopReason, depthExplored, found);
  };
  const result = (stopReason: StopReason, depthExplored: number, found: FoundViolation | null): BfsResult => ({
    distinctStates: visited.size, transitions, depthExplored, stopReason, complete: stopReason === "exhausted",
    violation: found === null ? null : translated(violationWithPath(found, visited)), reached: [...reached],
    visitedBytes: visited.bytes, splitDepth: null,
  });
  const collector = deadMail ? new DeadMailCollector(ctx) : null;
  const translated = (v: ReturnType<typeof violationWithPath>): ReturnType<typeof violationWithPath> =>
    collector === null ? v : uncollectedPath(v, collector, ctx);
  let polled: StopReason | null = null;
  const timer = setInterval(() => {
    // Depth and frontier are the workers' business mid-level; -1 says "not known here".
    const progress = { states: visited.size, transitions, depth: -1, frontier: -1, frontierBytes: -1 };
    const stop = options.poll?.(progress) ?? null;
    if (stop !== null) { polled = stop; visited.stop(); }
  }, options.pollMs ?? 1000);
  try {
    await Promise.all(workers.map((w, i) => ask(w, { kind: "root", setup: {
      config: ctx.config, buffers, latent, deadMail, statesMax: options.statesMax, seedsRoot: i === 0,
    } })));
    // The root is state 0, claimed here so that every worker's first lookup of it answers "known".
    const rootFingerprint = seedRoot(ctx, visited, collector);
    let splitDone = workers.length === 1;
    if (rootFingerprint < 0) throw new Error("the root was already in a fresh visited set");
    let frontier = 1;
    for (let depth = 0; frontier > 0; depth++) {
      if (depth >= options.depthMax) return finish("depth", depth, null);
      const keep = depth + 1 < options.depthMax;
      const sizeBefore = visited.size;
      const replies = await askLevel(workers, keep);
      await growWhilePaused(workers, replies, visited);
      transitions = replies.reduce((a, r) => a + r.transitions, 0);
      reached = new Set([...reached, ...replies.flatMap((r) => r.reached)]);
      const found = replies.find((r) => r.found !== null)?.found ?? null;
      if (found !== null) return finish("violation", depth, found);
      // A worker paused for the table while another hit a bound: the bound is the reason.
      const stop = replies.find((r) => r.stop !== null && r.stop !== "grow")?.stop
        ?? replies.find((r) => r.stop !== null)?.stop ?? null;
      if (stop !== null) {
        const reason = stop === "stopped" ? polled ?? "time" : stop === "grow" ? "memory" : stop as StopReason;
        return finish(reason, depth, null);
      }
      frontier = replies.reduce((a, r) => a + r.frontier, 0);
      const grew = visited.size > sizeBefore;
      if (grew) {
        const frontierBytes = replies.reduce((a, r) => a + r.frontierBytes, 0);
        options.onLevel?.({ states: visited.size, transitions, depth: depth + 1, frontier, frontierBytes });
      }
      if (!keep) return finish(grew ? "depth" : "exhausted", grew ? depth + 1 : depth, null);
      if (!grew) return finish("exhausted", depth, null);
      if (!splitDone && frontier >= splitWidth * workers.length) {
        await split(workers, depth + 1);
        splitDone = true;
      }
    }
    return finish("exhausted", 0, null);
  } finally {
    clearInterval(timer);
    if (options.pool === undefined) await pool.close();
  }
}

/** Claims state 0 for the root, with the fingerprint the workers will compute for it. */
function seedRoot(ctx: CheckContext, visited: SharedVisitedSet, deadMail: DeadMailCollector | null): number {
  const expander = new StateExpander(ctx, { latent: false, verifyFingerprints: false, onState: undefined, deadMail });
  const fp = expander.fingerprint(expander.root());
  return visited.add(fp.hi, fp.lo, -1, -1);
}
