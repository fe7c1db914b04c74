/**
 * Paces the coordinator's PRE-PREPARE resends. The core (coordinator-step.ts
 * `onResend`) sends every unconfirmed PRE-PREPARE to every participant each time
 * its resend timer fires, and a participant that already executed a resent slot
 * answers with its confirmation and both votes to everyone (participant-normal.ts
 * `resendIfExecuted`). Under load a slot is unconfirmed only because it is still in
 * flight, so at n = 7 with a window of slots in flight each firing was a burst of
 * window x n PRE-PREPAREs and n^2 votes per slot: the resend storm.
 *
 * The core stays as it is (the checker verifies it); the driver's Sends of
 * PRE-PREPARE on the coordinator pass through here:
 * 1. the first send of a (participant, view, seq) goes at once: it is new work;
 * 2. a repeat is dropped unless the slot stalled: a stall timeout (stall-timeout.ts,
 *    twice the median commit latency, between one resend period and two periods or a quarter
 *    of the view-change timeout) has passed both since the last send to that
 *    participant and since a confirmation of the seq last arrived;
 * 3. a repeat goes only to a participant from which no confirmation of the seq has
 *    arrived (recorded here: the core prunes confirmations once it replied): the
 *    others have executed it, and sent it again they would only answer with their
 *    confirmation and votes once more (participant-normal.ts `resendIfExecuted`).
 *    Only a signer's first confirmation of a seq counts as progress;
 * 4. a due repeat spends one unit of a per-tick budget; past the budget it is held
 *    and goes out on a later tick, lowest seq first (a hole blocks execution of
 *    everything above it), while the core still wants it resent.
 * Dropping or delaying a resend is safe: to the protocol it is a lost message, and
 * the core sends it again on its next firing.
 */
import type { NodeId, PrePrepare } from "../../spec/messages.js";
import { unconfirmed } from "../core/coordinator-propose.js";
import { StallTimeout, stallBoundsFor } from "./stall-timeout.js";
import type { TransmitGate, TransmitGateDeps } from "./transmit-gate.js";

export interface PacedSend { readonly to: NodeId; readonly message: PrePrepare }

/** Due resends let through per tick, per participant: four seqs' broadcasts a tick at most. */
export const resendBudgetPerParticipant = 4;

const keyOf = (to: NodeId, message: PrePrepare): string => `${to}/${message.view}/${message.seq}`;

/** Whether the core still resends this PRE-PREPARE (unconfirmed by some participant, in its current view). */
export type Wanted = (to: NodeId, message: PrePrepare) => boolean;

interface Sent { readonly at: number; readonly to: NodeId; readonly message: PrePrepare }

export class ResendPacer {
  /** The last send of each (participant, view, seq), with its PRE-PREPARE, to forget it once unwanted. */
  private readonly lastSent = new Map<string, Sent>();
  private readonly held = new Map<string, PacedSend>();
  /** Per seq: when it was first proposed (for latency samples), when a new confirmation of it last arrived, and
   * who confirmed it. */
  private readonly proposedAt = new Map<number, number>();
  private readonly progressAt = new Map<number, number>();
  private readonly confirmers = new Map<number, Set<NodeId>>();
  private readonly gapMs: () => number;
  private budget: number;

  /**
   * @param gapMs the least time between two sends of one PRE-PREPARE to one participant, and since the slot last
   *   advanced (a confirmation of it arrived): a number, or the current stall timeout (stall-timeout.ts)
   * @param budgetPerTick due resends sent per tick; the rest wait for later ticks
   */
  constructor(gapMs: number | (() => number), private readonly budgetPerTick: number) {
    this.gapMs = typeof gapMs === "number" ? (): number => gapMs : gapMs;
    this.budget = budgetPerTick;
  }

  get heldCount(): number {
    return this.held.size;
  }

  get trackedCount(): number {
    return this.lastSent.size;
  }

  /**
   * Whether to send `message` to `to` now; false means it was dropped or held for a later tick. A repeat goes only
   * to a participant that has not confirmed the seq, and only once the slot has not advanced for the gap.
   */
  offer(to: NodeId, message: PrePrepare, now: number): boolean {
    const key = keyOf(to, message);
    const last = this.lastSent.get(key);
    if (last === undefined) {
      this.lastSent.set(key, { at: now, to, message });
      if (!this.proposedAt.has(message.seq)) this.proposedAt.set(message.seq, now);
      return true;
    }
    if (this.confirmers.get(message.seq)?.has(to) === true) return false;
    if (!this.due(last.at, message.seq, now) || this.held.has(key)) return false;
    if (this.budget > 0) {
      this.budget -= 1;
      this.lastSent.set(key, { at: now, to, message });
      return true;
    }
    this.held.set(key, { to, message });
    return false;
  }

  /**
   * A confirmation of `seq` by `signer` arrived. The first from that signer is progress: the slot's resends wait
   * a gap from now, none goes to that signer again, and the time since the seq was first proposed is returned (a
   * commit latency sample). A repeat, or a seq this pacer never sent, gives null.
   */
  confirmed(signer: NodeId, seq: number, now: number): number | null {
    const proposed = this.proposedAt.get(seq);
    if (proposed === undefined) return null;
    let signers = this.confirmers.get(seq);
    if (signers === undefined) this.confirmers.set(seq, signers = new Set());
    if (signers.has(signer)) return null;
    signers.add(signer);
    this.progressAt.set(seq, now);
    return now - proposed;
  }

  /**
   * A new tick: the budget refills and held resends go, lowest seq first, while it lasts. What is no longer
   * wanted is forgotten, sent or held, so the maps stay within the window.
   */
  tick(now: number, wanted: Wanted): PacedSend[] {
    this.budget = this.budgetPerTick;
    for (const [key, last] of this.lastSent) if (!wanted(last.to, last.message)) this.lastSent.delete(key);
    for (const [key, send] of this.held) if (!wanted(send.to, send.message)) this.held.delete(key);
    const live = new Set<number>();
    for (const last of this.lastSent.values()) live.add(last.message.seq);
    for (const seq of this.proposedAt.keys()) if (!live.has(seq)) this.proposedAt.delete(seq);
    for (const seq of this.progressAt.keys()) if (!live.has(seq)) this.progressAt.delete(seq);
    for (const seq of this.confirmers.keys()) if (!live.has(seq)) this.confirmers.delete(seq);
    // A held resend was due when offered: it goes as soon as the budget allows (re-checking progress here would
    // starve it behind the seqs that keep advancing).
    const due = [...this.held.entries()]
      .sort(([, a], [, b]) => a.message.seq - b.message.seq || a.to - b.to)
      .slice(0, this.budget);
    for (const [key, send] of due) {
      this.held.delete(key);
      this.lastSent.set(key, { at: now, to: send.to, message: send.message });
    }
    this.budget -= due.length;
    return due.map(([, send]) => send);
  }

  /** A gap since the last send to this participant and since the slot last advanced. */
  private due(lastAt: number, seq: number, now: number): boolean {
    const gap = this.gapMs();
    return now - lastAt >= gap && now - (this.progressAt.get(seq) ?? -Infinity) >= gap;
  }
}

/** The gate on the coordinator: PRE-PREPAREs paced; a confirmation advances its slot and is a latency sample. */
export type ResendPacing = TransmitGate;

/**
 * Paces the coordinator's PRE-PREPAREs, one tick at a time. The gap is the stall timeout (stall-timeout.ts) less
 * half a tick, so a resend the core's timer makes one period after the last send is not dropped for a millisecond
 * of jitter.
 */
export function startResendPacing(deps: TransmitGateDeps): ResendPacing {
  const { protocol, tickMs } = deps;
  const stall = new StallTimeout(stallBoundsFor(protocol.resendTicks, protocol.viewChangeTicks, tickMs));
  const pacer = new ResendPacer(() => stall.ms - tickMs / 2, resendBudgetPerParticipant * protocol.participantCount);
  const timer = setInterval(() => {
    const state = deps.state();
    if (state.role !== "coordinator") return;
    const open = new Set(unconfirmed(state, protocol.participantCount).map((m) => m.seq));
    const wanted: Wanted = (_to, m) => m.view === state.view && open.has(m.seq);
    for (const send of pacer.tick(Date.now(), wanted)) deps.transmit(send.to, send.message);
  }, tickMs);
  timer.unref();
  return {
    transmit: (to, message) => {
      if (message.kind !== "PrePrepare" || pacer.offer(to, message, Date.now())) deps.transmit(to, message);
    },
    received: (from, message) => {
      if (message.body.kind !== "Confirm") return;
      const latency = pacer.confirmed(from, message.body.seq, Date.now());
      if (latency !== null) stall.observe(latency);
    },
    stallMs: () => stall.ms,
    stop: () => clearInterval(timer),
  };
}
