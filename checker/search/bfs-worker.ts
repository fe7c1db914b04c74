/**
 * One thread of the parallel BFS (explore-parallel.ts). It owns the states it
 * discovers: they go into its own compact frontier and it expands them at the next
 * level, so no world crosses threads; only fingerprints meet, in the shared visited
 * set. Each level is one request from the main thread and one reply.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CheckConfig } from "../model/check-config.js";
import { makeContext } from "../model/context.js";
import { FrontierQueue } from "../engine/frontier-queue.js";
import { initialWorld } from "../model/initial-world.js";
import { SharedVisitedSet, type SharedVisitedBuffers } from "../engine/shared-visited-set.js";
import { StateExpander, type FoundViolation } from "../model/state-expander.js";
import { WorldCodec } from "../model/world-codec.js";

export interface WorkerSetup {
  readonly config: CheckConfig;
  readonly buffers: SharedVisitedBuffers;
  readonly latent: boolean;
  readonly statesMax: number;
  /** Worker 0 seeds the root (state 0) and judges it. */
  readonly seedsRoot: boolean;
}

export type WorkerRequest = { readonly kind: "level"; readonly keep: boolean };

export interface LevelReply {
  readonly kind: "level";
  readonly transitions: number;
  readonly reached: readonly string[];
  readonly found: FoundViolation | null;
  readonly stop: string | null;
  readonly frontier: number;
  readonly frontierBytes: number;
}

function run(setup: WorkerSetup, port: NonNullable<typeof parentPort>): void {
  const ctx = makeContext(setup.config);
  const visited = new SharedVisitedSet(setup.buffers);
  const expander = new StateExpander(ctx, { latent: setup.latent, verifyFingerprints: false, onState: undefined });
  const codec = new WorldCodec(ctx);
  let frontier = new FrontierQueue();
  let rootFound: FoundViolation | null = null;
  if (setup.seedsRoot) {
    const root = initialWorld(ctx);
    codec.encode(root, 0, frontier);
    const bad = expander.observer.observe(root);
    if (bad !== null) rootFound = { ...bad, index: 0, action: null };
  }
  port.on("message", (request: WorkerRequest) => {
    const next = new FrontierQueue();
    const onNew = (successor: Parameters<WorldCodec["encode"]>[0], index: number): string | null => {
      if (request.keep) codec.encode(successor, index, next);
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
    const reply: LevelReply = {
      kind: "level", transitions: expander.transitions, reached: expander.observer.reached, found, stop,
      frontier: next.length, frontierBytes: next.bytes,
    };
    port.postMessage(reply);
  });
}

if (parentPort !== null) run(workerData as WorkerSetup, parentPort);
