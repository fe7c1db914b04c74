/**
 * How the parallel BFS (explore-parallel.ts) gives every worker a share of the work.
 * A worker expands only the states it claimed, so a search seeded with the root on
 * worker 0 would stay on worker 0 for ever. Worlds cannot cross threads (a frontier
 * row holds ids interned by its own worker's codec), so the share is re-derived
 * instead: once worker 0's level is wide enough, each other worker runs the same
 * short BFS privately from the root to that depth (expansion is deterministic, so
 * it reaches the same set of states at that depth) and keeps the states whose
 * fingerprint falls in its share, with the shared indices worker 0 logged them
 * under; worker 0 keeps its own share. From then on each worker expands its own
 * frontier, and the states it claims first become its own.
 */
import type { StateSink } from "../engine/bfs-expansion.js";
import type { Fingerprint64 } from "../engine/hash64.js";
import type { StateExpander } from "../model/state-expander.js";
import type { World } from "../model/world.js";

/** The worker that owns a state with this fingerprint's low half, among `workers`. */
export const ownerOf = (lo: number, workers: number): number => (lo >>> 0) % workers;

/** A frontier state as worker 0 hands it out: its fingerprint and its index in the shared visited set. */
export interface SharedRow {
  readonly hi: number;
  readonly lo: number;
  readonly index: number;
}

const key = (hi: number, lo: number): string => `${hi >>> 0}:${lo >>> 0}`;

/**
 * The worlds at BFS depth `depth` from `root`, found with `expander` on a private visited set, each with the
 * shared index of its row in `rows` (the states of that depth this worker owns). Throws if a row is not found:
 * then the private search did not reach the same level as the shared one.
 */
export function privateLevel(expander: StateExpander, root: World, depth: number, rows: readonly SharedRow[]):
  { world: World; index: number }[] {
  const wanted = new Map(rows.map((r) => [key(r.hi, r.lo), r.index]));
  const seen = new Set<string>();
  const rootFp: Fingerprint64 = expander.fingerprint(root);
  seen.add(key(rootFp.hi, rootFp.lo));
  let level: World[] = [root];
  let found: { world: World; index: number }[] = [];
  for (let d = 0; d < depth; d++) {
    const next: World[] = [];
    const last = d + 1 === depth;
    found = [];
    let lastKey = "";
    const sink: StateSink = {
      add(hi: number, lo: number): number {
        lastKey = key(hi, lo);
        if (seen.has(lastKey)) return -1;
        seen.add(lastKey);
        return seen.size - 1;
      },
    };
    for (const world of level) {
      const result = expander.expand(world, -1, sink, (successor) => {
        if (!last) next.push(successor);
        else {
          const index = wanted.get(lastKey);
          if (index !== undefined) found.push({ world: successor, index });
        }
        return null;
      });
      if (result !== null) throw new Error("a worker's private prefix found what the shared search did not");
    }
    level = next;
  }
  if (found.length !== rows.length) {
    throw new Error(`a worker's private prefix found ${found.length} of its ${rows.length} states at depth ${depth}`);
  }
  return found;
}
