/**
 * A participant's repeats of its slot messages (PRE-PREPARE as a leader, PREPARE,
 * COMMIT), sent only when they can help. The core repeats them on two occasions:
 * its resend timer, every resend period while any slot is pending
 * (participant-resend.ts), and a resent PRE-PREPARE for a slot it already executed,
 * answered with its confirmation and both votes to every participant
 * (participant-normal.ts `resendIfExecuted`). Under load a slot is pending longer
 * than a period only because the cores are busy, so both were mostly noise.
 *
 * The core stays as it is (the checker verifies it); the driver's Sends on a
 * participant pass through here:
 * 1. a first send of a (peer, kind, view, seq) goes at once: it is new work;
 * 2. a confirmation always goes: the coordinator resends a PRE-PREPARE only to a
 *    participant that has not confirmed its seq, after it stalled (resend-pacer.ts),
 *    so a repeat answers exactly the message the coordinator lacks;
 * 3. a repeated vote for a slot this participant has executed is dropped: it answers
 *    a PRE-PREPARE the coordinator resent for its confirmation, which the others
 *    do not need;
 * 4. any other repeat goes once the stall timeout (stall-timeout.ts: twice the median
 *    of this participant's PREPARE-to-confirmation latency, bounded) has passed
 *    since the last send of it to that peer.
 * A peer that still lacks our votes for a slot we executed says so by sending its own
 * vote for it a second time (its resend timer: it is stuck), or a first one a stall
 * timeout or more after we executed the slot (its first was lost, or it was cut off:
 * a normal straggler's votes come within moments). That vote is answered here, to that
 * peer only, with our vote it lacks: our COMMIT for its repeated COMMIT
 * (it is prepared), our PREPARE and COMMIT for its repeated PREPARE. These are the
 * very messages this participant already sent, so to the protocol they are a delayed
 * copy; none leaves outside normal status or for another view than the installed one
 * (participant-normal.ts: no vote for a view it left).
 * Dropping a repeat is safe: to the protocol it is a lost message.
 */
import type { Message, NodeId } from "../../spec/messages.js";
import { findSlot, installedView, type ParticipantState } from "../core/participant-state.js";
import { StallTimeout, stallBoundsFor } from "./stall-timeout.js";
import { asSeq } from "../../spec/ids.js";
import type { TransmitGate, TransmitGateDeps } from "./transmit-gate.js";

type SlotKind = "PrePrepare" | "Prepare" | "Commit" | "Confirm";
type SlotMessage = Extract<Message, { kind: SlotKind }>;
type Vote = Extract<Message, { kind: "Prepare" | "Commit" }>;

const isSlotMessage = (m: Message): m is SlotMessage =>
  m.kind === "PrePrepare" || m.kind === "Prepare" || m.kind === "Commit" || m.kind === "Confirm";

const slotKey = (m: SlotMessage): string => `${m.kind}/${"view" in m ? m.view : "-"}/${m.seq}`;

interface Sent { readonly seq: number; readonly at: number }

export class RepeatGate {
  /** The last send of each (peer, kind, view, seq). */
  private readonly lastSent = new Map<string, Sent>();
  /** Own votes as sent, by (kind, view, seq): what a stuck peer is answered with. */
  private readonly ownVotes = new Map<string, Vote>();
  /** Votes heard from each peer, by (peer, kind, view, seq): a second one means the peer is stuck. */
  private readonly heard = new Map<string, number>();
  /** When this participant first sent its PREPARE for a seq: the start of a latency sample. */
  private readonly preparedAt = new Map<number, number>();
  /** When it first sent its confirmation of a seq: when it executed it. */
  private readonly executedAt = new Map<number, number>();

  constructor(private readonly gapMs: () => number) {}

  get trackedCount(): number {
    return this.lastSent.size + this.ownVotes.size + this.heard.size + this.preparedAt.size + this.executedAt.size;
  }

  /**
   * Whether to send `message` to `to` now (`executed`: this participant executed its slot). A Confirm sent for
   * the first time returns its latency sample through `sample`.
   */
  offer(to: NodeId, message: Message, now: number, executed: boolean, sample?: (ms: number) => void): boolean {
    if (!isSlotMessage(message)) return true;
    const key = `${to}/${slotKey(message)}`;
    const last = this.lastSent.get(key);
    if (last === undefined) {
      this.lastSent.set(key, { seq: message.seq, at: now });
      if (message.kind === "Prepare" || message.kind === "Commit") this.ownVotes.set(slotKey(message), message);
      if (message.kind === "Prepare" && !this.preparedAt.has(message.seq)) this.preparedAt.set(message.seq, now);
      const prepared = this.preparedAt.get(message.seq);
      if (message.kind === "Confirm" && prepared !== undefined) sample?.(now - prepared);
      if (message.kind === "Confirm" && !this.executedAt.has(message.seq)) this.executedAt.set(message.seq, now);
      return true;
    }
    if (message.kind === "Confirm") return true;
    if (executed || now - last.at < this.gapMs()) return false;
    this.lastSent.set(key, { seq: message.seq, at: now });
    return true;
  }

  /**
   * A message arrived from `from`. A vote it sends a second time, or a gap after this participant executed the
   * slot, for a slot executed here (in the installed view, in normal status: `answerable`) is answered with the
   * votes it lacks, at most once per gap.
   */
  answer(from: NodeId, message: Message, now: number, answerable: (view: number, seq: number) => boolean): Vote[] {
    if (message.kind !== "Prepare" && message.kind !== "Commit") return [];
    const key = `${from}/${slotKey(message)}`;
    const repeat = this.heard.has(key);
    if (!repeat) this.heard.set(key, message.seq);
    const late = now - (this.executedAt.get(message.seq) ?? Infinity) >= this.gapMs();
    if ((!repeat && !late) || !answerable(message.view, message.seq)) return [];
    const kinds = message.kind === "Prepare" ? ["Prepare", "Commit"] : ["Commit"];
    const out: Vote[] = [];
    for (const kind of kinds) {
      const vote = this.ownVotes.get(`${kind}/${message.view}/${message.seq}`);
      if (vote === undefined) continue;
      const sentKey = `${from}/${slotKey(vote)}`;
      if (now - (this.lastSent.get(sentKey)?.at ?? -Infinity) < this.gapMs()) continue;
      this.lastSent.set(sentKey, { seq: vote.seq, at: now });
      out.push(vote);
    }
    return out;
  }

  /** Forgets everything at or below the low watermark: those slots are settled by a stable checkpoint. */
  prune(lowWatermark: number): void {
    for (const [key, sent] of this.lastSent) if (sent.seq <= lowWatermark) this.lastSent.delete(key);
    for (const [key, vote] of this.ownVotes) if (vote.seq <= lowWatermark) this.ownVotes.delete(key);
    for (const [key, seq] of this.heard) if (seq <= lowWatermark) this.heard.delete(key);
    for (const seq of this.preparedAt.keys()) if (seq <= lowWatermark) this.preparedAt.delete(seq);
    for (const seq of this.executedAt.keys()) if (seq <= lowWatermark) this.executedAt.delete(seq);
  }
}

export interface RepeatGatingDeps extends TransmitGateDeps {
  readonly self: NodeId;
}

/** The gate on a participant: repeats of slot messages gated; a stuck peer's repeated vote is answered. */
export type RepeatGating = TransmitGate;

const executedSlot = (state: ParticipantState, seq: number): boolean =>
  findSlot(state, asSeq(seq))?.phase === "executed";

export function startRepeatGating(deps: RepeatGatingDeps): RepeatGating {
  const { protocol, tickMs } = deps;
  const stall = new StallTimeout(stallBoundsFor(protocol.resendTicks, protocol.viewChangeTicks, tickMs));
  // Half a tick of slack, so a repeat the core's timer makes one period after the last send is not dropped for jitter.
  const gate = new RepeatGate(() => stall.ms - tickMs / 2);
  const participant = (): ParticipantState | null => {
    const state = deps.state();
    return state.role === "participant" ? state : null;
  };
  const timer = setInterval(() => {
    const state = participant();
    if (state !== null) gate.prune(state.lowWatermark);
  }, protocol.resendTicks * tickMs);
  timer.unref();
  const observe = (ms: number): void => stall.observe(ms);
  return {
    transmit: (to, message) => {
      const state = participant();
      const executed = state !== null && isSlotMessage(message) && executedSlot(state, message.seq);
      if (to === deps.self || gate.offer(to, message, Date.now(), executed, observe)) deps.transmit(to, message);
    },
    received: (from, message) => {
      const answerable = (view: number, seq: number): boolean => {
        const state = participant();
        return state !== null && state.status === "normal" && installedView(state) === view && executedSlot(state, seq);
      };
      for (const vote of gate.answer(from, message.body, Date.now(), answerable)) deps.transmit(from, vote);
    },
    stallMs: () => stall.ms,
    stop: () => clearInterval(timer),
  };
}
