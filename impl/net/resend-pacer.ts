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
 * 2. a repeat within one resend period of the last send to that participant is
 *    dropped (a PRE-PREPARE the timer resends right after it was proposed);
 * 3. a due repeat spends one unit of a per-tick budget; past the budget it is held
 *    and goes out on a later tick, lowest seq first (a hole blocks execution of
 *    everything above it), while the core still wants it resent.
 * Dropping or delaying a resend is safe: to the protocol it is a lost message, and
 * the core sends it again on its next firing.
 */
import type { ProtocolConfig } from "../../spec/config.js";
import type { Message, NodeId, PrePrepare } from "../../spec/messages.js";
import { unconfirmed } from "../core/coordinator-propose.js";
import type { NodeState } from "../core/types.js";

export interface PacedSend { readonly to: NodeId; readonly message: PrePrepare }

/** Due resends let through per tick, per participant: four seqs' broadcasts a tick at most. */
export const resendBudgetPerParticipant = 4;

const keyOf = (to: NodeId, message: PrePrepare): string => `${to}/${message.view}/${message.seq}`;

/** Whether the core still resends this PRE-PREPARE: unconfirmed by some participant, in its current view. */
export type Wanted = (message: PrePrepare) => boolean;

export class ResendPacer {
  /** The last send of each (participant, view, seq), with its PRE-PREPARE, to forget it once unwanted. */
  private readonly lastSent = new Map<string, { readonly at: number; readonly message: PrePrepare }>();
  private readonly held = new Map<string, PacedSend>();
  private budget: number;

  /**
   * @param gapMs the least time between two sends of one PRE-PREPARE to one participant (a resend period)
   * @param budgetPerTick due resends sent per tick; the rest wait for later ticks
   */
  constructor(private readonly gapMs: number, private readonly budgetPerTick: number) {
    this.budget = budgetPerTick;
  }

  get heldCount(): number {
    return this.held.size;
  }

  get trackedCount(): number {
    return this.lastSent.size;
  }

  /** Whether to send `message` to `to` now; false means it was dropped or held for a later tick. */
  offer(to: NodeId, message: PrePrepare, now: number): boolean {
    const key = keyOf(to, message);
    const last = this.lastSent.get(key);
    if (last === undefined) {
      this.lastSent.set(key, { at: now, message });
      return true;
    }
    if (now - last.at < this.gapMs || this.held.has(key)) return false;
    if (this.budget > 0) {
      this.budget -= 1;
      this.lastSent.set(key, { at: now, message });
      return true;
    }
    this.held.set(key, { to, message });
    return false;
  }

  /**
   * A new tick: the budget refills and held resends go, lowest seq first, while it lasts. What the core no longer
   * resends is forgotten, sent or held, so both maps stay within the window.
   */
  tick(now: number, wanted: Wanted): PacedSend[] {
    this.budget = this.budgetPerTick;
    for (const [key, last] of this.lastSent) if (!wanted(last.message)) this.lastSent.delete(key);
    for (const [key, send] of this.held) if (!wanted(send.message)) this.held.delete(key);
    const due = [...this.held.entries()]
      .sort(([, a], [, b]) => a.message.seq - b.message.seq || a.to - b.to)
      .slice(0, this.budget);
    for (const [key, send] of due) {
      this.held.delete(key);
      this.lastSent.set(key, { at: now, message: send.message });
    }
    this.budget -= due.length;
    return due.map(([, send]) => send);
  }
}

export interface ResendPacingDeps {
  readonly protocol: ProtocolConfig;
  readonly tickMs: number;
  readonly state: () => NodeState;
  /** Signs and sends (node-ports.ts `transmit`). */
  readonly transmit: (to: NodeId, message: Message) => void;
}

export interface ResendPacing {
  /** The driver's transmit on the coordinator: PRE-PREPAREs paced, everything else straight through. */
  transmit(to: NodeId, message: Message): void;
  stop(): void;
}

/**
 * Paces the coordinator's PRE-PREPAREs, one tick at a time. The gap is a resend period less half a tick, so a
 * resend the core's timer makes one period after the last send is not dropped for a millisecond of jitter.
 */
export function startResendPacing(deps: ResendPacingDeps): ResendPacing {
  const { protocol, tickMs } = deps;
  const pacer = new ResendPacer(protocol.resendTicks * tickMs - tickMs / 2,
    resendBudgetPerParticipant * protocol.participantCount);
  const timer = setInterval(() => {
    const state = deps.state();
    if (state.role !== "coordinator") return;
    const open = new Set(unconfirmed(state, protocol.participantCount).map((m) => m.seq));
    const wanted: Wanted = (m) => m.view === state.view && open.has(m.seq);
    for (const send of pacer.tick(Date.now(), wanted)) deps.transmit(send.to, send.message);
  }, tickMs);
  timer.unref();
  return {
    transmit: (to, message) => {
      if (message.kind !== "PrePrepare" || pacer.offer(to, message, Date.now())) deps.transmit(to, message);
    },
    stop: () => clearInterval(timer),
  };
}
