/**
 * One root's whole search on a worker thread (roots-on-threads.ts): the sequential
 * explorer (world-bfs.ts), unchanged, so the root reaches the same states in the same
 * order, and finds the same violation with the same path, as it does on the main thread.
 * Nothing crosses threads but the config and options going in, the result and level
 * figures coming out, and two shared arrays: the progress this root made (for the main
 * thread's progress line and budgets) and a stop word the main thread sets.
 */
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext } from "../model/context.js";
import { exploreBfs, type BfsOptions, type BfsProgress, type WorldBfsResult } from "../model/world-bfs.js";

/** The options that cross to a thread: everything but the hooks, which stay on the main thread. */
export type ThreadOptions = Omit<BfsOptions, "poll" | "onLevel" | "onState" | "root">;

/** Stop words: the main thread's budgets ran out, or an earlier root's verdict makes this root's moot. */
export const stopWords = { none: 0, time: 1, memory: 2, moot: 3 } as const;

export interface RootRequest {
  readonly config: CheckConfig;
  readonly options: ThreadOptions;
  /** This root's index: its stop word in `stops`, its states and transitions at 2i and 2i+1 of `progress`. */
  readonly index: number;
  readonly stops: SharedArrayBuffer;
  readonly progress: SharedArrayBuffer;
  /** `Date.now()` when the whole run started, so level times read as the sequential run's do. */
  readonly started: number;
}

/** A level as the growth table reads it (run-bfs.ts `LevelFigures`). */
export interface ThreadLevel extends BfsProgress {
  readonly elapsedMs: number;
  readonly rssBytes: number;
}

export type RootReply =
  | { readonly kind: "done"; readonly result: WorldBfsResult; readonly levels: readonly ThreadLevel[];
    readonly elapsedMs: number }
  | { readonly kind: "failed"; readonly name: string; readonly message: string };

/** 85% of this thread's own heap limit: a worker's heap is its own, so the main thread cannot watch it. */
const heapStopBytes = getHeapStatistics().heap_size_limit * 0.85;

export function searchRoot(request: RootRequest): RootReply {
  const stops = new Int32Array(request.stops);
  const progress = new Float64Array(request.progress);
  const i = request.index;
  const levels: ThreadLevel[] = [];
  const began = Date.now();
  const poll = (p: BfsProgress): "time" | "memory" | null => {
    progress[2 * i] = p.states;
    progress[2 * i + 1] = p.transitions;
    const word = Atomics.load(stops, i);
    if (word === stopWords.memory) return "memory";
    if (word !== stopWords.none) return "time";
    return process.memoryUsage().heapUsed > heapStopBytes ? "memory" : null;
  };
  const onLevel = (l: BfsProgress): void => {
    levels.push({ ...l, elapsedMs: Date.now() - request.started, rssBytes: process.memoryUsage.rss() });
  };
  try {
    const result = exploreBfs(makeContext(request.config), { ...request.options, poll, onLevel });
    progress[2 * i] = result.distinctStates;
    progress[2 * i + 1] = result.transitions;
    return { kind: "done", result, levels, elapsedMs: Date.now() - began };
  } catch (e) {
    // A reduction refused for this config is a RangeError: the main thread rethrows it as one (bad usage).
    const error = e instanceof Error ? e : new Error(String(e));
    return { kind: "failed", name: error.name, message: error.message };
  }
}

if (parentPort !== null) {
  const port = parentPort;
  port.on("message", (request: RootRequest) => port.postMessage(searchRoot(request)));
}
