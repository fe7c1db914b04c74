/**
 * Whole-view judgements once per honest-observable projection. The invariants
 * without a `participant` part (agreement, consistency, client truth, detection
 * accuracy, bounded confirmations, and the `sometimes` witnesses but S8) read the
 * global view across participants, so participant-judgements.ts cannot memoize them
 * per participant. But they read only what the honest nodes show: each participant's
 * view less `held` (its whole state, which only the per-participant I10 checks read),
 * the proven sets, the coordinator's replies, confirmations and low watermark, and
 * whether a view change completed. Many distinct tuples of honest node states (they
 * differ in logged votes, view changes under way, the state of slots not yet
 * executed) share that projection. So the projection is hashed from per-state parts,
 * each computed once per state object, without building the global view; a world
 * whose projection was judged clean before, and whose participant states each hold
 * their per-participant invariants (participant-judgements.ts `summary`), needs no
 * judgement at all. On model a, ~1 k projections stand for ~0.9 M tuples.
 *
 * Why it is sound: the whole-view invariants are judged on the projection itself (a
 * view whose participants carry no `held`: `project`), not on the full view, so their
 * verdicts are functions of exactly what is hashed; a remembered projection was
 * judged clean for every safety invariant, and a `sometimes` still pending was not
 * reached there (pending ones only ever leave). A 64-bit collision could skip a
 * judgement, with the visited set's odds (hash64.ts). The memo is a direct-mapped
 * table of fixed size: a projection evicted from it is merely judged again.
 */
import type { GlobalView, ParticipantView } from "../../spec/global-view.js";
import type { CoordinatorState } from "../../impl/core/coordinator-state.js";
import type { ParticipantState } from "../../impl/core/participant-state.js";
import { Hasher64 } from "../engine/hash64.js";
import type { CheckContext } from "./context.js";
import type { ParticipantJudgements } from "./participant-judgements.js";
import type { World } from "./world.js";

/** Slots of the memo (a power of two): 2^16 keys, 512 KiB. */
const memoSlotsLog2 = 16;

/** What the projection keeps of one participant state: its view less `held`, hashed; and its own verdicts. */
interface ParticipantEntry {
  readonly slim: ParticipantView;
  readonly hi: number;
  readonly lo: number;
  /** In a view above 0 with normal status: a view change completed there (the view's `viewChanged`). */
  readonly viewChanged: boolean;
  readonly clean: boolean;
  readonly reached: number;
}

export class JudgedProjections {
  /** The key of the last projection, as hi/lo. */
  hi = 0;
  lo = 0;
  /** Worlds `settled` found needing no judgement (tests read it to see the memo at work). */
  settledCount = 0;
  private readonly entries = new WeakMap<ParticipantState, ParticipantEntry>();
  private readonly slims = new WeakMap<ParticipantView, ParticipantView>();
  private readonly coordinatorKeys = new WeakMap<CoordinatorState, readonly [number, number]>();
  private readonly memo = new Uint32Array(2 << memoSlotsLog2);
  private readonly mask = (1 << memoSlotsLog2) - 1;
  private readonly h = new Hasher64();
  private readonly coordinatorHonest: boolean;

  constructor(private readonly ctx: CheckContext, private readonly judgements: ParticipantJudgements) {
    this.coordinatorHonest = ctx.coordinatorStepped;
  }

  /**
   * Sets the key of `world`'s projection and says whether the world needs no judgement at all: each participant
   * state holds every per-participant `always` and reaches no witness of `pendingEach` (bits of
   * `judgements.sometimesEach`), and the projection was judged clean before.
   */
  settled(world: World, pendingEach: number): boolean {
    const h = this.h.reset();
    let clean = true;
    let reached = 0;
    let viewChanged = false;
    for (const id of this.ctx.honest) {
      const node = world.nodes[id];
      if (node === undefined) continue;
      h.int(id).int(node.proven);
      if (node.role === "participant") {
        const e = this.entry(node);
        h.int(e.hi).int(e.lo);
        clean &&= e.clean;
        reached |= e.reached;
        viewChanged ||= e.viewChanged;
      } else if (this.coordinatorHonest) {
        const [hi, lo] = this.coordinatorKey(node);
        h.int(hi).int(lo);
      }
    }
    h.int(viewChanged ? 1 : 0).finish();
    this.hi = h.hi;
    this.lo = h.lo;
    const settled = clean && (reached & pendingEach) === 0 && this.known();
    if (settled) this.settledCount++;
    return settled;
  }

  /** The view the whole-view invariants judge: `g` with participants that carry no `held` (what `settled` hashed). */
  project(g: GlobalView): GlobalView {
    const participants = g.participants.map((p) => {
      let slim = this.slims.get(p);
      if (slim === undefined) {
        const { held: _held, ...rest } = p;
        slim = rest;
        this.slims.set(p, slim);
      }
      return slim;
    });
    return { ...g, participants };
  }

  /** Whether the last key was judged clean before (and is still in the memo). */
  known(): boolean {
    const slot = (this.lo & this.mask) << 1;
    return this.memo[slot] === this.hi >>> 0 && this.memo[slot + 1] === this.lo >>> 0;
  }

  /** Remembers the last key as judged clean. */
  remember(): void {
    const slot = (this.lo & this.mask) << 1;
    this.memo[slot] = this.hi;
    this.memo[slot + 1] = this.lo;
  }

  private entry(p: ParticipantState): ParticipantEntry {
    let e = this.entries.get(p);
    if (e !== undefined) return e;
    const view = this.judgements.participant(p);
    const { held: _held, ...slim } = view;
    this.slims.set(view, slim);
    const hash = this.ctx.hasher.hash(slim);
    const { clean, reached } = this.judgements.summary(p);
    e = { slim, hi: hash.hi, lo: hash.lo, viewChanged: p.view > 0 && p.status === "normal", clean, reached };
    this.entries.set(p, e);
    return e;
  }

  /** The coordinator's part of the view: its replies, confirmations and low watermark. */
  private coordinatorKey(c: CoordinatorState): readonly [number, number] {
    let key = this.coordinatorKeys.get(c);
    if (key !== undefined) return key;
    const hasher = this.ctx.hasher;
    const h = new Hasher64().reset();
    h.int(c.lowWatermark);
    hasher.hash(c.replies);
    h.int(hasher.hi).int(hasher.lo);
    hasher.hash(c.confirmations);
    h.int(hasher.hi).int(hasher.lo).finish();
    key = [h.hi, h.lo];
    this.coordinatorKeys.set(c, key);
    return key;
  }
}
