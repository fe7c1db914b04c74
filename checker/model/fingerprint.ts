/**
 * The fingerprint of a world: 64 bits of a canonical encoding. Node states are
 * hashed structurally with memoization (structural-hash.ts), so an unchanged node
 * costs a WeakMap hit; in-flight envelopes and knowledge are multisets, summed
 * order-independently; the rest are small integers.
 *
 * Trace files store this value after every step, so it must not change. The BFS
 * explorer deduplicates on its own fingerprint instead (successor-fingerprint.ts),
 * which a successor can update in O(1) from its parent's.
 */
import { addMultiset64, Hasher64, type Fingerprint64 } from "../engine/hash64.js";
import type { CheckContext } from "./context.js";
import type { Envelope, World } from "./world.js";

function multisetSum(list: readonly Envelope[], into: Fingerprint64): void {
  into.hi = 0;
  into.lo = 0;
  for (const e of list) addMultiset64(into, e.hi, e.lo);
}

export class WorldFingerprinter {
  private readonly h = new Hasher64();
  private readonly sum: Fingerprint64 = { hi: 0, lo: 0 };
  constructor(private readonly ctx: CheckContext) {}

  /** Sets `out` to the fingerprint of `world`. Byzantine nodes' entries never change, so they are skipped. */
  fingerprint(world: World, out: Fingerprint64): void {
    const { ctx, sum } = this;
    const h = this.h;
    // Child hashes first: the structural hasher and this one must not interleave.
    const nodeHashes: number[] = [];
    for (const id of ctx.honest) {
      const s = ctx.hasher.hash(world.nodes[id]);
      nodeHashes.push(s.hi, s.lo);
    }
    // What a crash would restart from; all null (and skipped) when no crash can happen.
    if (ctx.tracksPersistence) for (const id of ctx.honest) {
      const p = world.persisted[id];
      if (p === null || p === undefined) { nodeHashes.push(0, 0); continue; }
      const s = ctx.hasher.hash(p);
      nodeHashes.push(s.hi, s.lo);
    }
    h.reset();
    for (const x of nodeHashes) h.int(x);
    multisetSum(world.inFlight, sum);
    h.fingerprint(sum.hi, sum.lo);
    multisetSum(world.knowledge, sum);
    h.fingerprint(sum.hi, sum.lo);
    for (const id of ctx.honest) h.int(world.timers[id] ?? 0);
    const u = world.used;
    h.int(u.loss).int(u.dup).int(u.partitions).int(u.crashes).int(u.timeouts).int(world.isolated);
    if (world.silenced) h.int(1);
    // Late submissions (late-submits.ts) made so far; absent without them, so other hashes stay as they were.
    if ((u.submits ?? 0) > 0) h.int(2 + (u.submits ?? 0));
    h.finish();
    out.hi = h.hi;
    out.lo = h.lo;
  }
}
