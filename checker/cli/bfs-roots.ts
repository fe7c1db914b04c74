/**
 * `--submit each` (BFS): one exhaustive search per txn, each from a world where the
 * client submitted only that txn, instead of one search where it submitted all of
 * them at once. Depth 12 decides one slot (about 8 steps with one Byzantine voter),
 * so a second txn's decision is out of reach of any exhaustive default; with one root
 * per txn, a workload of a commit-flagged and an abort-flagged txn exercises both
 * clauses of I2 within the gate's depth. The roots' state spaces are disjoint (the
 * coordinator holds a different txn), so their counts add up; each root is a config
 * of its own, and a counterexample's trace stores that config, so it replays as is.
 */
import type { CheckConfig } from "../model/check-config.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { exploreBfs, type BfsOptions, type BfsResult, type StopReason } from "../model/world-bfs.js";
import { goesOn, searchRootsOnThreads, type ThreadLevel } from "../search/roots-on-threads.js";

export type SubmitMode = "together" | "each";

export interface RootResult {
  readonly txn: string;
  readonly flag: string;
  readonly distinctStates: number;
  readonly stopReason: StopReason;
  readonly elapsedMs: number;
}

/** The configs one search per root explores: the config itself, or one per txn. */
export function rootConfigs(config: CheckConfig, submit: SubmitMode): CheckConfig[] {
  if (submit === "together" || config.txns.length === 1) return [config];
  return config.txns.map((t) => ({ ...config, txns: [t] }));
}

/** Runs the roots in order until one finds a violation or a bound stops it; the result adds them up. */
export function exploreRoots(configs: readonly CheckConfig[], options: BfsOptions, now: () => number):
  { result: BfsResult; ctx: CheckContext; roots: RootResult[] } {
  const run = new RootsRun();
  for (const config of configs) {
    const ctx = makeContext(config);
    const started = now();
    const result = exploreBfs(ctx, run.options(options));
    if (!run.add(ctx, result, now() - started)) break;
  }
  return run.result();
}

/**
 * `exploreRoots` with up to `threads` roots searched at once, each sequentially on a worker thread of its own
 * (search/roots-on-threads.ts): the same roots, states and verdict, in less wall time. `onLevels` gets each root's
 * level figures in root order, as the sequential run's `onLevel` would have seen them.
 */
export async function exploreRootsOnThreads(
  configs: readonly CheckConfig[], options: BfsOptions, threads: number, now: () => number,
  onLevels?: (levels: readonly ThreadLevel[]) => void,
): Promise<{ result: BfsResult; ctx: CheckContext; roots: RootResult[] }> {
  const { poll, onLevel: _onLevel, onState, root, ...crossing } = options;
  if (onState !== undefined || root !== undefined) {
    throw new RangeError("roots on threads: no per-state hook and no given root (--from has one root)");
  }
  const replies = await searchRootsOnThreads(configs, crossing, {
    threads, started: now(), ...(poll === undefined ? {} : { poll }),
  });
  const run = new RootsRun();
  replies.forEach((reply, k) => {
    onLevels?.(reply.levels);
    run.add(makeContext(configs[k] as CheckConfig), reply.result, reply.elapsedMs);
  });
  return run.result();
}

/** `exploreRoots` with a search that runs on worker threads (explore-parallel.ts), one root after another. */
export async function exploreRootsParallel(
  configs: readonly CheckConfig[], options: BfsOptions, now: () => number,
  explore: (ctx: CheckContext, options: BfsOptions) => Promise<BfsResult>,
): Promise<{ result: BfsResult; ctx: CheckContext; roots: RootResult[] }> {
  const run = new RootsRun();
  for (const config of configs) {
    const ctx = makeContext(config);
    const started = now();
    const result = await explore(ctx, run.options(options));
    if (!run.add(ctx, result, now() - started)) break;
  }
  return run.result();
}

/** The roots explored so far, added up. */
class RootsRun {
  private readonly roots: RootResult[] = [];
  private total: BfsResult | null = null;
  private ctx: CheckContext | null = null;

  /** The next root's options: progress and budgets see the roots as one search, counts carry over. */
  options(options: BfsOptions): BfsOptions {
    const before = this.total;
    const poll = options.poll;
    return poll === undefined || before === null ? options : {
      ...options,
      poll: (p) => poll({
        ...p, states: p.states + before.distinctStates, transitions: p.transitions + before.transitions,
      }),
    };
  }

  /** Adds a root's result; false when the search must stop there (a violation, or a bound). */
  add(ctx: CheckContext, r: BfsResult, elapsedMs: number): boolean {
    const config = ctx.config;
    this.ctx = ctx;
    this.roots.push({ txn: config.txns[0]?.txn.id ?? "", flag: config.txns[0]?.flag ?? "",
      distinctStates: r.distinctStates, stopReason: r.stopReason, elapsedMs });
    this.total = this.total === null ? r : addUp(this.total, r);
    return goesOn(r.stopReason, r.violation);
  }

  result(): { result: BfsResult; ctx: CheckContext; roots: RootResult[] } {
    if (this.total === null || this.ctx === null) throw new RangeError("exploreRoots: no root to explore");
    return { result: this.total, ctx: this.ctx, roots: this.roots };
  }
}

function addUp(a: BfsResult, b: BfsResult): BfsResult {
  const reached = [...a.reached, ...b.reached.filter((x) => !a.reached.includes(x))];
  // The weaker stop wins: "depth" over "exhausted", a budget or a violation over both.
  const stopReason = b.stopReason === "exhausted" ? a.stopReason : b.stopReason;
  return {
    distinctStates: a.distinctStates + b.distinctStates, transitions: a.transitions + b.transitions,
    depthExplored: Math.min(a.depthExplored, b.depthExplored), stopReason, complete: a.complete && b.complete,
    violation: b.violation, reached, visitedBytes: Math.max(a.visitedBytes, b.visitedBytes), splitDepth: b.splitDepth,
  };
}
