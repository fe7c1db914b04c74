/**
 * Several roots' searches at once (`--submit each` with `--workers N`, N > 1): each root is a
 * whole sequential BFS on a worker thread of its own (root-thread.ts), up to N at a time, the
 * next root starting as soon as a thread is free. The roots' state spaces are disjoint
 * (bfs-roots.ts), so nothing is shared and nothing is lost: each root reaches exactly the
 * states, verdict and path it reaches alone, and only the wall time changes. Unlike the
 * level split (explore-parallel.ts) the result is deterministic, and every reduction and
 * cross-check of the sequential explorer works unchanged.
 *
 * The verdict is the sequential one: the roots are read in order and the first whose search
 * must stop (a violation, or a bound) ends the run. So once root k stops, the roots after it
 * are moot: they are told to stop and never started, while those before it run to the end,
 * since one of them may still find a violation that comes first.
 */
import { Worker } from "node:worker_threads";
import type { CheckConfig } from "../model/check-config.js";
import type { BfsProgress, StopReason } from "../model/world-bfs.js";
import { stopWords, type RootReply, type RootRequest, type ThreadLevel, type ThreadOptions } from "./root-thread.js";

export type RootDone = Extract<RootReply, { kind: "done" }>;

export interface RootsOnThreads {
  readonly threads: number;
  /** The main thread's budgets, polled every `pollMs` with the roots' progress summed. */
  readonly poll?: (p: BfsProgress) => "time" | "memory" | null;
  readonly pollMs?: number;
  readonly started: number;
}

/** Whether a root's search lets the next one run, as the sequential loop decides it (bfs-roots.ts). */
export const goesOn = (stop: StopReason, violation: unknown): boolean =>
  violation === null && (stop === "depth" || stop === "exhausted");

/**
 * Runs every root on `threads` worker threads and returns each root's reply in order, up to and
 * including the first that stops the run; the moot roots after it are left out.
 */
export async function searchRootsOnThreads(
  configs: readonly CheckConfig[], options: ThreadOptions, run: RootsOnThreads,
): Promise<RootDone[]> {
  const count = configs.length;
  const stopsBuffer = new SharedArrayBuffer(4 * count);
  const progressBuffer = new SharedArrayBuffer(8 * 2 * count);
  const stops = new Int32Array(stopsBuffer);
  const progress = new Float64Array(progressBuffer);
  const replies: (RootDone | null)[] = new Array<RootDone | null>(count).fill(null);
  let cut = count;
  let next = 0;
  const stopAfter = (k: number): void => {
    cut = Math.min(cut, k + 1);
    for (let j = k + 1; j < count; j++) Atomics.store(stops, j, stopWords.moot);
  };
  const timer = setInterval(() => {
    let states = 0;
    let transitions = 0;
    for (let j = 0; j < count; j++) { states += progress[2 * j] ?? 0; transitions += progress[2 * j + 1] ?? 0; }
    const stop = run.poll?.({ states, transitions, depth: -1, frontier: -1, frontierBytes: -1 }) ?? null;
    if (stop !== null) for (let j = 0; j < count; j++) Atomics.store(stops, j, stopWords[stop]);
  }, run.pollMs ?? 1000);
  const workers = Array.from({ length: Math.min(run.threads, count) },
    () => new Worker(new URL("./root-thread.js", import.meta.url)));
  const thread = async (worker: Worker): Promise<void> => {
    for (let k = next++; k < cut; k = next++) {
      const request: RootRequest = {
        config: configs[k] as CheckConfig, options, index: k, stops: stopsBuffer, progress: progressBuffer,
        started: run.started,
      };
      const reply = await ask(worker, request);
      if (reply.kind === "failed") {
        for (let j = 0; j < count; j++) Atomics.store(stops, j, stopWords.moot);
        throw reply.name === "RangeError" ? new RangeError(reply.message) : new Error(reply.message);
      }
      replies[k] = reply;
      if (!goesOn(reply.result.stopReason, reply.result.violation)) stopAfter(k);
    }
  };
  try {
    await Promise.all(workers.map(thread));
  } finally {
    clearInterval(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const ordered: RootDone[] = [];
  for (let k = 0; k < cut; k++) {
    const reply = replies[k];
    if (reply === null || reply === undefined) throw new Error(`roots on threads: root ${k} has no result`);
    ordered.push(reply);
  }
  return ordered;
}

function ask(worker: Worker, request: RootRequest): Promise<RootReply> {
  return new Promise<RootReply>((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    const onExit = (code: number): void => reject(new Error(`a root's thread exited with code ${code}`));
    worker.once("error", onError);
    worker.once("exit", onExit);
    worker.once("message", (reply: RootReply) => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(reply);
    });
    worker.postMessage(request);
  });
}

export type { ThreadLevel };
