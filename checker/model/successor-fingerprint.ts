/**
 * The explorer's deduplication fingerprint, built so that a successor's value
 * follows from its parent's in O(1) and before the successor is built.
 *
 * Why: about fifteen transitions are tried per new state, and most reach a state
 * already visited. Knowing that from a fingerprint alone saves building the world
 * (node array, merged in-flight list, knowledge) and the garbage it leaves.
 *
 * The value: fp = H(N, F, K, T) where
 * - N = sum over honest nodes i of H(i, hash(node i), timers of i[, hash(persisted i)]), the node
 *   terms; the state a crash would restart from counts only when crashes can happen;
 * - F = sum of the in-flight envelopes' fingerprints (a multiset: copies count);
 * - K = sum of the knowledge envelopes' fingerprints (a set);
 * - T = H(budgets used, isolated node[, silenced]); sums wrap mod 2^64 (hash64.ts: addMultiset64).
 * Node i's term mixes in its index, so swapping two nodes' states changes N, and
 * every addend is a finished hash, so distinct worlds collide with ~2^-64 odds.
 * Every action is read from its delta (transition.ts), the same one `commit` builds the
 * successor from: a delivery to node j changes j's term, removes one envelope from F,
 * adds the step's sends (their sum is kept with the memoized step) and perhaps
 * knowledge; the rare fault actions change T, or one envelope or node's timers.
 * Trace files keep fingerprint.ts's value; this one never leaves a run.
 *
 * The BFS observer's key (bfs-observer.ts: worlds with one tuple of honest node states
 * are judged once) comes from the same hashes: the sum over honest i of H(i, hash(node
 * i)), kept beside N and corrected by the one node a delta steps (`honestAfter`), so
 * a new state's key costs one combine instead of a hash of every honest node.
 */
import { addMultiset64, Hasher64, hashWords, subMultiset64, type Fingerprint64 } from "../engine/hash64.js";
import type { CheckContext } from "./context.js";
import type { Budgets } from "./check-config.js";
import { keepsTail, type Delta } from "./transition.js";
import { compareEnvelopes, sameEnvelope, type Envelope, type World } from "./world.js";

export class BfsFingerprints {
  private readonly h = new Hasher64();
  private readonly termHi: number[] = [];
  private readonly termLo: number[] = [];
  private readonly stateHi: number[] = [];
  private readonly stateLo: number[] = [];
  private readonly persistedHi: number[] = [];
  private readonly persistedLo: number[] = [];
  private readonly nodes: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly flight: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly know: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly tail: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly tailAfter: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly sum: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly knowSum: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly nodeSum: Fingerprint64 = { hi: 0, lo: 0 };
  private readonly honestTermHi: number[] = [];
  private readonly honestTermLo: number[] = [];
  private readonly honest: Fingerprint64 = { hi: 0, lo: 0 };
  private parent: World | null = null;
  /** The words of one combine (term, finish), reused. */
  private readonly words = new Int32Array(8);

  constructor(private readonly ctx: CheckContext) {}

  /** Sets `out` to the fingerprint of `world`, computed from scratch. */
  full(world: World, out: Fingerprint64): void {
    this.setParent(world);
    this.finish(this.nodes, this.flight, this.know, this.tail, out);
  }

  /** Loads the parts of the world whose successors come next. */
  setParent(world: World): void {
    this.parent = world;
    const nodes = this.nodes;
    nodes.hi = 0;
    nodes.lo = 0;
    const honest = this.honest;
    honest.hi = 0;
    honest.lo = 0;
    for (const id of this.ctx.honest) {
      const p = world.persisted[id] ?? null;
      const ph = p === null ? null : this.ctx.hasher.hash(p);
      this.persistedHi[id] = ph === null ? 0 : ph.hi;
      this.persistedLo[id] = ph === null ? 0 : ph.lo;
      const s = this.ctx.hasher.hash(world.nodes[id]);
      this.stateHi[id] = s.hi;
      this.stateLo[id] = s.lo;
      this.term(id, s.hi, s.lo, world.timers[id] ?? 0, this.persistedHi[id] as number, this.persistedLo[id] as number);
      this.termHi[id] = this.h.hi;
      this.termLo[id] = this.h.lo;
      addMultiset64(nodes, this.h.hi, this.h.lo);
      honestTerm(id, s.hi, s.lo, this.words, this.h);
      this.honestTermHi[id] = this.h.hi;
      this.honestTermLo[id] = this.h.lo;
      addMultiset64(honest, this.h.hi, this.h.lo);
    }
    sumInto(world.inFlight, this.flight);
    sumInto(world.knowledge, this.know);
    this.tailOf(world.used, world.isolated, world.silenced, this.tail);
  }

  /**
   * Sets `out` to the fingerprint of the parent after `delta` (transition.ts) and the collection of `dead`
   * (dead-mail.ts), without building that world: each part of the parent's value is corrected by what the
   * delta changes in it, and nothing else.
   */
  after(delta: Delta, out: Fingerprint64, dead: readonly Envelope[] = []): void {
    const world = this.parent as World;
    const { sum, knowSum, nodeSum } = this;
    const { first, second } = delta;
    copy(this.flight, sum);
    if (delta.removed !== null) subMultiset64(sum, delta.removed.hi, delta.removed.lo);
    if (delta.copied !== null) addMultiset64(sum, delta.copied.hi, delta.copied.lo);
    for (const e of dead) subMultiset64(sum, e.hi, e.lo);
    copy(this.know, knowSum);
    copy(this.nodes, nodeSum);
    const id = delta.node;
    if (id >= 0) {
      let timer = (world.timers[id] ?? 0) & ~delta.timersCleared;
      let hi = this.stateHi[id] as number;
      let lo = this.stateLo[id] as number;
      if (first !== null) {
        addMultiset64(sum, first.sendsHi, first.sendsLo);
        addKnowledge(world.knowledge, first.knows, null, knowSum);
        timer = (timer & ~first.timersCleared) | first.timersSet;
        hi = first.stateHi;
        lo = first.stateLo;
      }
      if (second !== null) {
        addMultiset64(sum, second.sendsHi, second.sendsLo);
        addKnowledge(world.knowledge, second.knows, first === null ? null : first.knows, knowSum);
        timer = (timer & ~second.timersCleared) | second.timersSet;
        hi = second.stateHi;
        lo = second.stateLo;
      }
      // What a crash would restart from: the state of the last step that persisted, else as before.
      const saved = second !== null && second.persists ? second : first !== null && first.persists ? first : null;
      const pHi = saved === null ? this.persistedHi[id] as number : saved.stateHi;
      const pLo = saved === null ? this.persistedLo[id] as number : saved.stateLo;
      subMultiset64(nodeSum, this.termHi[id] as number, this.termLo[id] as number);
      this.term(id, hi, lo, timer, pHi, pLo);
      addMultiset64(nodeSum, this.h.hi, this.h.lo);
    }
    if (keepsTail(world, delta)) copy(this.tail, this.tailAfter);
    else this.tailOf(delta.used, delta.isolated, delta.silenced, this.tailAfter);
    this.finish(nodeSum, sum, knowSum, this.tailAfter, out);
  }

  /**
   * Sets `out` to the observer's key of the parent after `delta`: the sum of the honest nodes' H(i, hash(node i)),
   * the stepped node's term replaced (`honestTupleKey` computes the same from a built world).
   */
  honestAfter(delta: Delta, out: Fingerprint64): void {
    copy(this.honest, out);
    const id = delta.node;
    const last = delta.second ?? delta.first;
    if (id < 0 || last === null) return;
    subMultiset64(out, this.honestTermHi[id] as number, this.honestTermLo[id] as number);
    honestTerm(id, last.stateHi, last.stateLo, this.words, this.h);
    addMultiset64(out, this.h.hi, this.h.lo);
  }

  /** Sets `into` to the hash of the budgets used, the isolated node and the silence. */
  private tailOf(u: Budgets, isolated: number, silenced: boolean, into: Fingerprint64): void {
    const h = this.h.reset();
    h.int(u.loss).int(u.dup).int(u.partitions).int(u.crashes).int(u.timeouts).int(isolated);
    if (silenced) h.int(1);
    // Late submissions (late-submits.ts) made so far; absent without them, so other hashes stay as they were.
    if ((u.submits ?? 0) > 0) h.int(2 + (u.submits ?? 0));
    h.finish();
    into.hi = h.hi;
    into.lo = h.lo;
  }

  /** Leaves node `id`'s term in this.h: H(id, state, timers[, persisted]), hashed on locals (hashWords). */
  private term(id: number, hi: number, lo: number, timers: number, persistedHi: number, persistedLo: number): void {
    const words = this.words;
    words[0] = id;
    words[1] = hi;
    words[2] = lo;
    words[3] = timers;
    words[4] = persistedHi;
    words[5] = persistedLo;
    hashWords(words, this.ctx.tracksPersistence ? 6 : 4, this.h);
  }

  /** out := H(nodes, flight, know, tail), each part as its hi and lo words. */
  private finish(
    nodes: Fingerprint64, flight: Fingerprint64, know: Fingerprint64, tail: Fingerprint64, out: Fingerprint64,
  ): void {
    const words = this.words;
    words[0] = nodes.hi;
    words[1] = nodes.lo;
    words[2] = flight.hi;
    words[3] = flight.lo;
    words[4] = know.hi;
    words[5] = know.lo;
    words[6] = tail.hi;
    words[7] = tail.lo;
    hashWords(words, 8, out);
  }
}

/** Leaves H(id, state) in `into`: one honest node's addend of the observer's key. */
function honestTerm(id: number, hi: number, lo: number, words: Int32Array, into: Fingerprint64): void {
  words[0] = id;
  words[1] = hi;
  words[2] = lo;
  hashWords(words, 3, into);
}

/** The observer's key of a built world, from scratch: what `honestAfter` gives for it. */
export function honestTupleKey(world: World, ctx: CheckContext, out: Fingerprint64): void {
  const words = new Int32Array(3);
  const term = { hi: 0, lo: 0 };
  out.hi = 0;
  out.lo = 0;
  for (const id of ctx.honest) {
    const s = ctx.hasher.hash(world.nodes[id]);
    honestTerm(id, s.hi, s.lo, words, term);
    addMultiset64(out, term.hi, term.lo);
  }
}

function copy(from: Fingerprint64, to: Fingerprint64): void {
  to.hi = from.hi;
  to.lo = from.lo;
}

function sumInto(list: readonly Envelope[], into: Fingerprint64): void {
  into.hi = 0;
  into.lo = 0;
  for (const e of list) addMultiset64(into, e.hi, e.lo);
}

/** Knowledge is a set: an envelope already known, or added by an earlier step of the same move, adds nothing. */
function addKnowledge(
  known: readonly Envelope[], knows: readonly Envelope[], earlier: readonly Envelope[] | null, into: Fingerprint64,
): void {
  for (let i = 0; i < knows.length; i++) {
    const k = knows[i] as Envelope;
    if (sortedHas(known, k)) continue;
    if (earlier !== null && earlier.some((x) => sameEnvelope(x, k))) continue;
    addMultiset64(into, k.hi, k.lo);
  }
}

/**
 * Whether `sorted` (in fingerprint order, as the world keeps its knowledge: routed-step.ts inserts in order) holds
 * an envelope of `e`'s fingerprint: a binary search, as the knowledge grows to dozens of envelopes and is asked
 * about on most transitions.
 */
function sortedHas(sorted: readonly Envelope[], e: Envelope): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compareEnvelopes(sorted[middle] as Envelope, e);
    if (order === 0) return true;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
