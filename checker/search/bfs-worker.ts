/**
 * One thread of the parallel BFS (explore-parallel.ts). It owns the states it
 * discovers: they go into its own compact frontier and it expands them at the next
 * level, so no world crosses threads; only fingerprints meet, in the shared visited
 * set. Each level is one request from the main thread and one reply; so is the
 * one-time split that gives every worker its share (bfs-split.ts).
 */
import { parentPort } from "node:worker_threads";
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
  /** A new search (one root): forget the last one. Workers are reused across roots to load the modules once. */
  | { readonly kind: "root"; readonly setup: WorkerSetup }
  | { readonly kind: "level"; readonly keep: boolean }
  /** Go on with the level paused by a full active table, which the main thread has grown since. */
  | { readonly kind: "resume" }
  /** Worker 0: keep the frontier states of share 0 among `workers`, and list every frontier state. */
  | { readonly kind: "share"; readonly workers: number }
  /** Another worker: take these states of BFS depth `depth` as the frontier (bfs-split.ts). */
  | { readonly kind: "split"; readonly depth: number; readonly rows: readonly SharedRow[] };

export interface LevelReply {
  readonly kind: "level";
  readonly transitions: number;
  readonly reached: readonly string[];
  readonly found: FoundViolation | null;
  /** A bound, "stopped", or "grow": the level is paused until the table is grown and a "resume" comes. */
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

type Handler = (request: WorkerRequest) => unknown;

/** One root's search in this worker: the reply to each request after "root". */
function rootSearch(setup: WorkerSetup): Handler {
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
  // The level being expanded: its next frontier, and the row a full table interrupted (expanded again on resume).
  let next = new FrontierQueue();
  let keep = false;
  let pending: ReturnType<WorldCodec["decode"]> = null;
  const onNew = (successor: Parameters<WorldCodec["encode"]>[0], index: number): string | null => {
    if (keep) codec.encode(successor, index, next);
    if (visited.size >= setup.statesMax) return "states";
    return visited.stopped ? "stopped" : null;
  };
  const level = (): LevelReply => {
    visited.refresh();
    let found: FoundViolation | null = rootFound;
    let stop: string | null = null;
    let row = pending ?? (found === null ? codec.decode(frontier) : null);
    pending = null;
    for (; row !== null; row = codec.decode(frontier)) {
      const before = expander.transitions;
      const result = expander.expand(row.world, row.parent, visited, onNew);
      if (result === "memory" && visited.canGrow) {
        // The successors claimed before the table filled are known on the retry, so only these count once.
        expander.transitions = before;
        pending = row;
        stop = "grow";
        break;
      }
      if (typeof result === "string") { stop = result; break; }
      if (result !== null) { found = result; break; }
      if (visited.stopped) { stop = "stopped"; break; }
    }
    if (stop !== "grow") frontier = next;
    return {
      kind: "level", transitions: expander.transitions, reached: expander.observer.reached, found, stop,
      frontier: stop === "grow" ? 0 : next.length, frontierBytes: next.bytes,
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
  return (request) => {
    if (request.kind === "level") {
      next = new FrontierQueue();
      keep = request.keep;
      return level();
    }
    if (request.kind === "resume") return level();
    if (request.kind === "share") return share(request.workers);
    if (request.kind === "split") return split(request.depth, request.rows);
    throw new Error(`bfs worker: unexpected ${request.kind}`);
  };
}

function run(port: NonNullable<typeof parentPort>): void {
  let search: Handler | null = null;
  port.on("message", (request: WorkerRequest) => {
    if (request.kind === "root") {
      search = rootSearch(request.setup);
      port.postMessage({ kind: "root" });
    } else if (search === null) throw new Error("bfs worker: a request before its root");
    else port.postMessage(search(request));
  });
}

if (parentPort !== null) run(parentPort);
