/**
 * Holding each new state to the safety invariants and noting which `sometimes`
 * properties it reaches. Both read only the global view, which is a function of
 * the honest nodes' states alone (global-view-adapter.ts): worlds that differ
 * only in messages in flight, timers or knowledge look the same to them. So each
 * distinct tuple of honest node states is judged once, keyed by the fingerprint
 * of that tuple (a 64-bit collision could skip a judgement, with the visited
 * set's odds; see hash64.ts).
 */
import { safetyInvariants, sometimesProperties } from "../../spec/invariants/index.js";
import type { Invariant } from "../../spec/global-view.js";
import type { CheckContext } from "./context.js";
import { ParticipantJudgements } from "./participant-judgements.js";
import { Hasher64 } from "../engine/hash64.js";
import { VisitedSet } from "../engine/visited-set.js";
import type { World } from "./world.js";

export class BfsObserver {
  readonly reached: string[] = [];
  private readonly pending: Invariant[] = [...sometimesProperties];
  private readonly judged = new VisitedSet({ capacityInitial: 1 << 12 });
  private readonly h = new Hasher64();
  /** Participants' projections and per-participant verdicts, once per participant state (participant-judgements.ts). */
  private readonly judgements: ParticipantJudgements;

  constructor(private readonly ctx: CheckContext) {
    this.judgements = new ParticipantJudgements(ctx, [...safetyInvariants, ...sometimesProperties]);
  }

  /** The first safety invariant `world` violates, or null; records newly reached `sometimes` properties. */
  observe(world: World): { invariant: string; message: string } | null {
    if (!this.judged.add(...this.honestTuple(world))) return null;
    const { judgements } = this;
    const view = judgements.view(world);
    const pending = this.pending;
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as Invariant;
      if (judgements.check(p, view) === null) { this.reached.push(p.name); pending.splice(i, 1); }
    }
    for (const inv of safetyInvariants) {
      const message = judgements.check(inv, view);
      if (message !== null) return { invariant: inv.name, message };
    }
    return null;
  }

  private honestTuple(world: World): [number, number] {
    const nodeHashes: number[] = [];
    for (const id of this.ctx.honest) {
      const s = this.ctx.hasher.hash(world.nodes[id]);
      nodeHashes.push(s.hi, s.lo);
    }
    const h = this.h.reset();
    for (const x of nodeHashes) h.int(x);
    h.finish();
    return [h.hi, h.lo];
  }
}
