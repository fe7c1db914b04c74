/**
 * One thread of the parallel BFS (explore-parallel.ts). It owns the states it
 * discovers: they go into its own compact frontier and it expands them at the next
 * level, so no world crosses threads; only fingerprints meet, in the shared visited
 * set. Each level is one request from the main thread and one reply; so is the
 * one-time split that gives every worker its share (bfs-split.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { DeadMailCollector } from "../model/dead-mail.js";
import { FrontierQueue } from "../engine/frontier-queue.js";
import { SharedVisitedSet, type SharedVisitedBuffers } from "../engine/shared-visited-set.js";
import { StateExpander, type FoundViolation } from "../model/state-expander.js";
import { WorldCodec } from "../model/world-codec.js";
import { ownerOf, privateLevel, type SharedRow } from "./bfs-split.js";

export interface WorkerSetup {
  readonly config: CheckConfig;
  readonly buffers: SharedVisitedBuffers;
  readonly latent: boolean;
  /** Dead-message collection (dead-mail.ts), as the sequential search does it. */
  readonly deadMail: boolean;
  readonly statesMax: number;
  /** Worker 0 seeds the root (state 0) and judges it. */
  readonly seedsRoot: boolean;
}

export type WorkerRequest =
  | { readonly kind: "level"; readonly keep: boolean }
  /** Worker 0: keep the frontier states of share 0 among `workers`, and list every frontier state. */
  | { readonly kind: "share"; readonly workers: number }
  /** Another worker: take these states of BFS depth `depth` as the frontier (bfs-split.ts). */
  | { readonly kind: "split"; readonly depth: number; readonly rows: readonly SharedRow[] };

export interface LevelReply {
  readonly kind: "level";
  readonly transitions: number;
  readonly reached: readonly string[];
  readonly found: FoundViolation | null;
  readonly stop: string | null;
  readonly frontier: number;
  readonly frontierBytes: number;
}

export interface ShareReply {
  readonly kind: "share";
  readonly rows: readonly SharedRow[];
}

export interface SplitReply {
  readonly kind: "split";
  readonly frontier: number;
}

const expanderFor = (ctx: CheckContext, setup: WorkerSetup): StateExpander => new StateExpander(ctx, {
  latent: setup.latent, verifyFingerprints: false, onState: undefined,
  deadMail: setup.deadMail ? new DeadMailCollector(ctx) : null,
});

function run(setup: WorkerSetup, port: NonNullable<typeof parentPort>): void {
  const ctx = makeContext(setup.config);
  const visited = new SharedVisitedSet(setup.buffers);
  const expander = expanderFor(ctx, setup);
  const codec = new WorldCodec(ctx);
  let frontier = new FrontierQueue();
  let rootFound: FoundViolation | null = null;
  if (setup.seedsRoot) {
    const root = expander.root();
    codec.encode(root, 0, frontier);
    const bad = expander.observer.observe(root);
    if (bad !== null) rootFound = { ...bad, index: 0, action: null };
  }
  const level = (keep: boolean): LevelReply => {
    const next = new FrontierQueue();
    const onNew = (successor: Parameters<WorldCodec["encode"]>[0], index: number): string | null => {
      if (keep) codec.encode(successor, index, next);
      if (visited.size >= setup.statesMax) return "states";
      return visited.stopped ? "stopped" : null;
    };
    let found: FoundViolation | null = rootFound;
    let stop: string | null = null;
    for (let row = found === null ? codec.decode(frontier) : null; row !== null; row = codec.decode(frontier)) {
      const result = expander.expand(row.world, row.parent, visited, onNew);
      if (typeof result === "string") { stop = result; break; }
      if (result !== null) { found = result; break; }
      if (visited.stopped) { stop = "stopped"; break; }
    }
    frontier = next;
    return {
      kind: "level", transitions: expander.transitions, reached: expander.observer.reached, found, stop,
      frontier: next.length, frontierBytes: next.bytes,
    };
  };
  const share = (workers: number): ShareReply => {
    const kept = new FrontierQueue();
    const rows: SharedRow[] = [];
    for (let row = codec.decode(frontier); row !== null; row = codec.decode(frontier)) {
      const { hi, lo } = expander.fingerprint(row.world);
      rows.push({ hi, lo, index: row.parent });
      if (ownerOf(lo, workers) === 0) codec.encode(row.world, row.parent, kept);
    }
    frontier = kept;
    return { kind: "share", rows };
  };
  const split = (depth: number, rows: readonly SharedRow[]): SplitReply => {
    // A throwaway expander: the prefix's states were judged and counted by worker 0.
    const prefix = expanderFor(ctx, setup);
    frontier = new FrontierQueue();
    for (const { world, index } of privateLevel(prefix, prefix.root(), depth, rows)) {
      codec.encode(world, index, frontier);
    }
    return { kind: "split", frontier: frontier.length };
  };
  port.on("message", (request: WorkerRequest) => {
    if (request.kind === "level") port.postMessage(level(request.keep));
    else if (request.kind === "share") port.postMessage(share(request.workers));
    else port.postMessage(split(request.depth, request.rows));
  });
}

if (parentPort !== null) run(workerData as WorkerSetup, parentPort);
