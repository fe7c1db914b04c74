/**
 * The simulator's unreliable network: before it heals, each step either lets
 * a Byzantine node move or takes one message in flight and loses it,
 * duplicates it or delivers it, with the given probabilities. Without
 * reordering the message taken is the oldest in flight (the world keeps its
 * in-flight multiset in fingerprint order, so send order is tracked here);
 * with probability `reorder` it is any message in flight, chosen uniformly.
 */
import { enabledActions, type Action } from "../model/actions.js";
import type { CheckContext } from "../model/context.js";
import { below, chance, pick, type Rng } from "../engine/prng.js";
import type { Envelope, World } from "../model/world.js";

export interface FaultRates {
  readonly loss: number;
  readonly dup: number;
  readonly reorder: number;
  /** Per step, while the Byzantine nodes have moves left. */
  readonly byzantineMove: number;
}

const keyOf = (e: Envelope): string => `${e.hi}:${e.lo}`;

/** A move of a Byzantine node (a send, a back-to-back equivocation, a replay): what its move budget counts. */
export const isByzantineMove = (a: Action): boolean =>
  a.kind === "byzantine" || a.kind === "equivocate" || a.kind === "replay" || a.kind === "forge";

function counts(list: readonly Envelope[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of list) m.set(keyOf(e), (m.get(keyOf(e)) ?? 0) + 1);
  return m;
}

/** The order in which the envelopes now in flight entered the network (copies of one envelope included). */
export class SendOrder {
  private queue: string[] = [];

  /** Follows one step: envelopes that left are forgotten (earliest copy first), new ones join at the back. */
  sync(before: World, after: World): void {
    const was = counts(before.inFlight);
    const now = counts(after.inFlight);
    for (const [key, count] of was) {
      for (let gone = count - (now.get(key) ?? 0); gone > 0; gone--) this.queue.splice(this.queue.indexOf(key), 1);
    }
    for (const e of after.inFlight) {
      const key = keyOf(e);
      const extra = (now.get(key) ?? 0) - (was.get(key) ?? 0);
      if (extra > 0) {
        for (let i = 0; i < extra; i++) this.queue.push(key);
        was.set(key, now.get(key) ?? 0); // copies of one key sit side by side: add them once
      }
    }
  }

  oldest(world: World): Envelope | undefined {
    const key = this.queue[0];
    return key === undefined ? undefined : world.inFlight.find((e) => keyOf(e) === key);
  }
}

/** The next step of the unhealed network, or null when nothing is in flight (and no Byzantine move was drawn). */
export function nextFaultyAction(world: World, ctx: CheckContext, rng: Rng, rates: FaultRates, order: SendOrder,
  byzantineMovesLeft: number): Action | null {
  if (byzantineMovesLeft > 0 && chance(rng, rates.byzantineMove)) {
    const move = pick(rng, enabledActions(world, ctx).filter(isByzantineMove));
    if (move !== undefined) return move;
  }
  if (world.inFlight.length === 0) return null;
  const envelope = chance(rng, rates.reorder) ? world.inFlight[below(rng, world.inFlight.length)] : order.oldest(world);
  if (envelope === undefined) return null;
  if (chance(rng, rates.loss)) return { kind: "drop", envelope };
  if (chance(rng, rates.dup)) return { kind: "duplicate", envelope };
  return { kind: "deliver", envelope };
}
