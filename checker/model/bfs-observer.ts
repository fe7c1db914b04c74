/**
 * Holding each new state to the safety invariants and noting which `sometimes`
 * properties it reaches. Both read only the global view, which is a function of
 * the honest nodes' states alone (global-view-adapter.ts): worlds that differ
 * only in messages in flight, timers or knowledge look the same to them. So each
 * distinct tuple of honest node states is judged once, keyed by the fingerprint
 * of that tuple (a 64-bit collision could skip a judgement, with the visited
 * set's odds; see hash64.ts), which the expander corrects from its parent's as it
 * does the world's (successor-fingerprint.ts `honestAfter`). Of a new tuple, the invariants that read the view
 * across participants are judged once per honest-observable projection
 * (judged-projections.ts), the per-participant ones once per participant state
 * (participant-judgements.ts).
 */
import { safetyInvariants, sometimesProperties } from "../../spec/invariants/index.js";
import type { Invariant } from "../../spec/global-view.js";
import type { CheckContext } from "./context.js";
import { JudgedProjections } from "./judged-projections.js";
import { ParticipantJudgements } from "./participant-judgements.js";
import type { Fingerprint64 } from "../engine/hash64.js";
import { honestTupleKey } from "./successor-fingerprint.js";
import { VisitedSet } from "../engine/visited-set.js";
import type { World } from "./world.js";

export class BfsObserver {
  readonly reached: string[] = [];
  private readonly pending: Invariant[] = [...sometimesProperties];
  /** The pending `sometimes` with a participant part, as bits of `judgements.sometimesEach`. */
  private pendingEach: number;
  private readonly judged = new VisitedSet({ capacityInitial: 1 << 12 });
  /** Participants' projections and per-participant verdicts, once per participant state (participant-judgements.ts). */
  private readonly judgements: ParticipantJudgements;

  /** Whole-view judgements once per projection; null: judged on every new tuple (tests compare both). */
  readonly projections: JudgedProjections | null;

  constructor(private readonly ctx: CheckContext, judgeProjections = true) {
    this.judgements = new ParticipantJudgements(ctx, [...safetyInvariants, ...sometimesProperties]);
    this.projections = judgeProjections ? new JudgedProjections(ctx, this.judgements) : null;
    this.pendingEach = (1 << this.judgements.sometimesEach.length) - 1;
  }

  /**
   * The first safety invariant `world` violates, or null; records newly reached `sometimes` properties. `key` is
   * the world's tuple key (successor-fingerprint.ts `honestTupleKey`), computed here when not given.
   */
  observe(world: World, key: Fingerprint64 = this.keyOf(world)): { invariant: string; message: string } | null {
    if (!this.judged.add(key.hi, key.lo)) return null;
    const { judgements, projections } = this;
    // A world whose projection was judged clean and whose participant states were each judged alone: nothing to do.
    if (projections !== null && projections.settled(world, this.pendingEach)) return null;
    const view = judgements.view(world);
    const whole = projections === null ? view : projections.project(view);
    // A projection judged clean before: its whole-view invariants hold and its pending witnesses stay unreached.
    const known = projections !== null && projections.known();
    const pending = this.pending;
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as Invariant;
      if (p.participant === undefined && known) continue;
      const verdict = p.participant === undefined ? p.check(whole) : judgements.check(p, view);
      if (verdict !== null) continue;
      this.reached.push(p.name);
      pending.splice(i, 1);
      const bit = judgements.sometimesEach.indexOf(p);
      if (bit >= 0) this.pendingEach &= ~(1 << bit);
    }
    for (const inv of safetyInvariants) {
      if (inv.participant === undefined && known) continue;
      const message = inv.participant === undefined ? inv.check(whole) : judgements.check(inv, view);
      if (message !== null) return { invariant: inv.name, message };
    }
    if (projections !== null && !known) projections.remember();
    return null;
  }

  private keyOf(world: World): Fingerprint64 {
    const key = { hi: 0, lo: 0 };
    honestTupleKey(world, this.ctx, key);
    return key;
  }
}
