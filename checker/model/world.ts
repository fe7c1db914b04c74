/**
 * The global state the checker explores (DESIGN.md §6): every node's state, the
 * messages in flight (a multiset), armed timers, fault budgets used, the
 * partition, and what the Byzantine nodes know. Immutable: successors share
 * structure with their parent.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState } from "../../impl/core/types.js";
import type { Budgets } from "./check-config.js";

/** A signed message on the wire from one node to another, with its fingerprint. */
export interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly message: SignedMessage;
  readonly hi: number;
  readonly lo: number;
}

export const timerBits = { "resend": 1, "view-change": 2 } as const;

export interface World {
  /** Index = node id: participants 0..n-1, coordinator n. A Byzantine node's entry is never stepped. */
  readonly nodes: readonly NodeState[];
  /** Sorted by fingerprint, so copies of one envelope sit side by side and the order is canonical. */
  readonly inFlight: readonly Envelope[];
  /** Per node: a bitmask of armed timers (`timerBits`). */
  readonly timers: readonly number[];
  readonly used: Budgets;
  /** The node cut off from every other node, or -1 when the network is whole. */
  readonly isolated: number;
  /** Signed messages of honest nodes that reached a Byzantine node, sorted by fingerprint: replayable. */
  readonly knowledge: readonly Envelope[];
  /**
   * Per node: its state at its last Persist output, or null before its first. A crash
   * restarts a node from this (its durable part), not from its current state: what it
   * changed since without persisting is lost, as on a real disk. Kept only when the
   * crash budget is not zero (`ctx.tracksPersistence`); otherwise every entry stays null.
   */
  readonly persisted: readonly (NodeState | null)[];
  /** `--coordinator silent`: the coordinator has stopped for good (crash-stop); it takes no more steps. */
  readonly silenced: boolean;
}

/**
 * A world with one field replaced: a literal of one fixed shape keeps the explorer's property loads monomorphic
 * (a spread did not).
 */
export function withWorld(world: World, change: Partial<World>): World {
  return {
    nodes: change.nodes ?? world.nodes, inFlight: change.inFlight ?? world.inFlight,
    timers: change.timers ?? world.timers, used: change.used ?? world.used, isolated: change.isolated ?? world.isolated,
    knowledge: change.knowledge ?? world.knowledge,
    persisted: change.persisted ?? world.persisted, silenced: change.silenced ?? world.silenced,
  };
}

export const noBudgetsUsed: Budgets = { loss: 0, dup: 0, partitions: 0, crashes: 0, timeouts: 0 };

export function compareEnvelopes(a: Envelope, b: Envelope): number {
  return a.hi - b.hi || a.lo - b.lo;
}

/** Inserts keeping the fingerprint order (duplicates allowed). */
export function insertEnvelope(list: readonly Envelope[], e: Envelope): Envelope[] {
  const copy = list.slice();
  let i = copy.length;
  while (i > 0 && compareEnvelopes(e, copy[i - 1] as Envelope) < 0) i--;
  copy.splice(i, 0, e);
  return copy;
}

/** Merges the sorted `added` into the sorted `list` with one copy; on ties `list` comes first. */
export function mergeSortedEnvelopes(list: readonly Envelope[], added: readonly Envelope[]): Envelope[] {
  const out = new Array<Envelope>(list.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < list.length && j < added.length) {
    const a = list[i] as Envelope;
    const b = added[j] as Envelope;
    if (compareEnvelopes(b, a) < 0) { out[k++] = b; j++; } else { out[k++] = a; i++; }
  }
  while (i < list.length) out[k++] = list[i++] as Envelope;
  while (j < added.length) out[k++] = added[j++] as Envelope;
  return out;
}

export function removeEnvelopeAt(list: readonly Envelope[], index: number): Envelope[] {
  const copy = list.slice();
  copy.splice(index, 1);
  return copy;
}

export const sameEnvelope = (a: Envelope, b: Envelope): boolean => a.hi === b.hi && a.lo === b.lo;
