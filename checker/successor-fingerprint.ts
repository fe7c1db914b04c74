/**
 * The fingerprint of a successor world computed from its parent's parts and the
 * step's delta, before the successor is built (fingerprint.ts defines the value;
 * this computes the very same 64 bits incrementally).
 *
 * Why: about fifteen transitions are tried per new state, and most reach a state
 * already visited. Knowing that from a fingerprint alone saves building the world
 * (node array, merged in-flight list, knowledge) and the garbage it leaves.
 * The parent's parts are its honest nodes' structural hashes and the multiset sums
 * of its in-flight envelopes and knowledge; a delivery changes one node's hash,
 * removes one envelope, adds the step's sends (their sum is kept with the memoized
 * step) and perhaps some knowledge.
 */
import { addMultiset64, Hasher64, subMultiset64, type Fingerprint64 } from "./hash64.js";
import type { CheckContext } from "./context.js";
import type { RoutedStep } from "./routed-step.js";
import { sameEnvelope, type Envelope, type World } from "./world.js";

export class SuccessorFingerprints {
  private readonly h = new Hasher64();
  private readonly nodeHi: number[] = [];
  private readonly nodeLo: number[] = [];
  private readonly flight: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly know: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly sum: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly knowSum: Fingerprint64 = { hi: 0, lo: 0 };
  private parent: World | null = null;

  constructor(private readonly ctx: CheckContext) {}

  /** Loads the parts of the world whose successors come next. */
  setParent(world: World): void {
    this.parent = world;
    for (const id of this.ctx.honest) {
      const s = this.ctx.hasher.hash(world.nodes[id]);
      this.nodeHi[id] = s.hi;
      this.nodeLo[id] = s.lo;
    }
    sumInto(world.inFlight, this.flight);
    sumInto(world.knowledge, this.know);
  }

  /**
   * Sets `out` to the fingerprint of the parent after `removed` (or nothing) left the
   * network and node `id` took `first` and then `second` (or nothing).
   */
  after(id: number, first: RoutedStep, second: RoutedStep | null, removed: Envelope | null, out: Fingerprint64): void {
    const world = this.parent as World;
    const { sum, knowSum, h } = this;
    sum.hi = this.flight.hi;
    sum.lo = this.flight.lo;
    if (removed !== null) subMultiset64(sum, removed.hi, removed.lo);
    addMultiset64(sum, first.sendsHi, first.sendsLo);
    knowSum.hi = this.know.hi;
    knowSum.lo = this.know.lo;
    addKnowledge(world.knowledge, first.knows, null, knowSum);
    let timer = ((world.timers[id] ?? 0) & ~first.timersCleared) | first.timersSet;
    let last = first;
    if (second !== null) {
      addMultiset64(sum, second.sendsHi, second.sendsLo);
      addKnowledge(world.knowledge, second.knows, first.knows, knowSum);
      timer = (timer & ~second.timersCleared) | second.timersSet;
      last = second;
    }
    h.reset();
    for (const node of this.ctx.honest) {
      if (node === id) h.fingerprint(last.stateHi, last.stateLo);
      else h.fingerprint(this.nodeHi[node] as number, this.nodeLo[node] as number);
    }
    h.fingerprint(sum.hi, sum.lo);
    h.fingerprint(knowSum.hi, knowSum.lo);
    for (const node of this.ctx.honest) h.int(node === id ? timer : world.timers[node] ?? 0);
    const u = world.used;
    h.int(u.loss).int(u.dup).int(u.partitions).int(u.crashes).int(u.timeouts).int(world.isolated);
    h.finish();
    out.hi = h.hi;
    out.lo = h.lo;
  }
}

function sumInto(list: readonly Envelope[], into: Fingerprint64): void {
  into.hi = 0;
  into.lo = 0;
  for (const e of list) addMultiset64(into, e.hi, e.lo);
}

/** Knowledge is a set: an envelope already known, or added by an earlier step of the same move, adds nothing. */
function addKnowledge(known: readonly Envelope[], knows: readonly Envelope[], earlier: readonly Envelope[] | null, into: Fingerprint64): void {
  for (const k of knows) {
    if (known.some((x) => sameEnvelope(x, k))) continue;
    if (earlier !== null && earlier.some((x) => sameEnvelope(x, k))) continue;
    addMultiset64(into, k.hi, k.lo);
  }
}
