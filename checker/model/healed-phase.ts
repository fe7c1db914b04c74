/**
 * The healed phase that ends every random run and simulation (DESIGN.md §5):
 * the network becomes timely — no drops, duplicates, partitions or crashes —
 * the partition heals, the client submits the txns it still holds back (late-submits.ts),
 * every message in flight is delivered, and when none is
 * in flight the armed timer with the earliest deadline fires, until the run is
 * done or a bound is reached. The choice is deterministic (the first envelope in
 * the world's canonical order), so a run's healed phase is a function of its
 * start state.
 *
 * Time is simulated here as it is after GST in a partially synchronous network:
 * a delivery takes no time next to a timer tick, and a timer fires `ticks` after
 * it was armed (the core's ArmTimer says how many). So the core's own timeouts
 * decide the order — a resend (4 ticks) before a view-change (8), a view-change
 * timer that doubled per failed view after the new leader's resends — and a view
 * change gets the time it needs to complete instead of being cut short by every
 * participant's timer in turn. Timers armed before the phase (their ticks are
 * not in the world) are taken as armed when it starts, with their nominal ticks.
 *
 * GST makes the network timely, not the faulty nodes honest (PBFT §4.5.2), so one
 * Byzantine move goes on: a Byzantine participant complains, asking for view v+1
 * as soon as an honest participant has installed view v (adversary-complain.ts).
 * Its complaints come first, before any delivery, while a txn is still undecided:
 * the adversary sets its own timing. Every other Byzantine move stops; the phase
 * is about progress, and safety was searched with the whole alphabet before it.
 *
 * The phase is deterministic, so once the same world recurs with the same timers
 * due after the same delays and the same complaints made it cycles forever: it
 * stops there (`cycled`), which proves "never" rather than "not within the bound"
 * and keeps liveness traces short. Views only grow, so a core the complainer keeps
 * changing views never cycles: the step bound ends it, a liveness violation.
 *
 * Timer firings here are not charged as faults: a timeout that fires after the
 * network healed is ordinary progress, so the fault budget does not bound them.
 */
import type { NodeId } from "../../spec/messages.js";
import type { TimerName } from "../../impl/core/types.js";
import { deliverable, type Action } from "./actions.js";
import { Complainer } from "./adversary-complain.js";
import { nextLateSubmit } from "./late-submits.js";
import { stepObserved, type Judged } from "./checked-step.js";
import type { CheckContext } from "./context.js";
import { WorldFingerprinter } from "./fingerprint.js";
import type { Emitted } from "./emitted.js";
import { noBudgetsUsed, timerBits, type World } from "./world.js";

/** Timers by name: "resend" before "view-change" when due at the same tick, so the current leader goes first. */
const timerNames = (Object.keys(timerBits) as TimerName[]).sort();

/** Message rounds the healed phase allows per txn; one round is at most 2(n+1)^2 deliveries. */
export const healedRoundsMax = 10;

export function healedStepsMax(n: number, txnCount: number): number {
  return healedRoundsMax * 2 * (n + 1) * (n + 1) * Math.max(1, txnCount);
}

export interface HealedOptions {
  readonly stepsMax: number;
  /** True once the run needs no more timers (its txns are decided); timers fire only while false. */
  readonly settled: (world: World) => boolean;
  /** Called after each step, for the simulator's log, with what the stepped node emitted. */
  readonly onStep?: (action: Action, before: World, after: World, emitted: Emitted | null) => void;
}

export interface HealedResult {
  readonly world: World;
  readonly actions: readonly Action[];
  readonly violation: Judged | null;
  /**
   * The phase stopped short of its bound because nothing can change any more: it came back
   * to a world it had already been in (it would cycle forever), or nothing is in flight and
   * no timer is armed (quiescent). Either proves "never" rather than "not within the bound".
   */
  readonly cycled: boolean;
}

/** The simulated clock: the tick now, and when each armed (node, timer) is due. */
class TimerClock {
  now = 0;
  private readonly due = new Map<number, number>();

  constructor(private readonly ctx: CheckContext) {}

  static key(node: NodeId, timer: TimerName): number {
    return node * timerNames.length + timerNames.indexOf(timer);
  }

  /** When `timer` of `node` is due; one armed before the phase counts from tick 0 with its nominal ticks. */
  dueAt(node: NodeId, timer: TimerName): number {
    const at = this.due.get(TimerClock.key(node, timer));
    if (at !== undefined) return at;
    const p = this.ctx.config.protocol;
    return timer === "resend" ? p.resendTicks : p.viewChangeTicks;
  }

  /** Follows what the stepped node emitted: arming sets a deadline, cancelling or firing clears it. */
  observe(action: Action, emitted: Emitted | null): void {
    if (action.kind === "fire") this.due.delete(TimerClock.key(action.node, action.timer));
    if (emitted === null) return;
    for (const o of emitted.out) {
      if (o.kind === "ArmTimer") this.due.set(TimerClock.key(emitted.node, o.timer), this.now + o.ticks);
      else if (o.kind === "CancelTimer") this.due.delete(TimerClock.key(emitted.node, o.timer));
    }
  }

  /** The armed timers as (key, ticks left) pairs, for recognising a recurring state. */
  signature(world: World): string {
    const parts: string[] = [];
    for (const node of this.ctx.honest) {
      for (const timer of timerNames) {
        if (((world.timers[node] ?? 0) & timerBits[timer]) === 0) continue;
        parts.push(`${TimerClock.key(node, timer)}+${this.dueAt(node, timer) - this.now}`);
      }
    }
    return parts.join(",");
  }
}

/** The armed timer due first (ties: honest-node order, then timer name), or null when none is armed. */
function earliestTimer(
  world: World, ctx: CheckContext, clock: TimerClock,
): { node: NodeId; timer: TimerName; at: number } | null {
  let best: { node: NodeId; timer: TimerName; at: number } | null = null;
  for (const node of ctx.honest) {
    for (const timer of timerNames) {
      if (((world.timers[node] ?? 0) & timerBits[timer]) === 0) continue;
      const at = clock.dueAt(node, timer);
      if (best === null || at < best.at) best = { node, timer, at };
    }
  }
  return best;
}

/**
 * The armed timer due first, fired, or "cycled" when this world already recurred with the same
 * timers due after the same delays and the same complaints made; null when no timer is armed.
 * Only a firing can close a cycle: deliveries alone drain the network, then stop. The budget
 * counters are left out: every firing bumps `used.timeouts`, yet no fault can happen any more.
 */
function nextFiring(world: World, ctx: CheckContext, clock: TimerClock, complainer: Complainer,
  seen: Set<string>, fingerprinter: WorldFingerprinter): Action | "cycled" | null {
  const next = earliestTimer(world, ctx, clock);
  if (next === null) return null;
  const fp = { hi: 0, lo: 0 };
  fingerprinter.fingerprint({ ...world, used: noBudgetsUsed }, fp);
  const key = `${fp.hi}:${fp.lo}@${clock.signature(world)}#${complainer.signature()}`;
  if (seen.has(key)) return "cycled";
  seen.add(key);
  clock.now = Math.max(clock.now, next.at);
  return { kind: "fire", node: next.node, timer: next.timer };
}

export function runHealedPhase(start: World, ctx: CheckContext, options: HealedOptions): HealedResult {
  let world = start;
  const actions: Action[] = [];
  const clock = new TimerClock(ctx);
  const complainer = new Complainer(ctx);
  const complaints: Action[] = [];
  const seen = new Set<string>();
  const fingerprinter = new WorldFingerprinter(ctx);
  while (actions.length < options.stepsMax) {
    // The client submits what it still holds back (late-submits.ts) first: liveness owes every txn.
    let action: Action | "cycled" | null = world.isolated === -1 ? nextLateSubmit(world, ctx) : { kind: "heal" };
    if (action === null) {
      // A complaint once begun goes to every receiver before anything else happens.
      if (complaints.length === 0 && complainer.isDue(world) && !options.settled(world)) {
        complaints.push(...complainer.due(world));
      }
      action = complaints.shift() ?? null;
    }
    const envelope = action === null ? world.inFlight.find((e) => deliverable(world, ctx, e)) : undefined;
    if (envelope !== undefined) action = { kind: "deliver", envelope };
    else if (action === null && !options.settled(world)) {
      action = nextFiring(world, ctx, clock, complainer, seen, fingerprinter);
    }
    if (action === "cycled") return { world, actions, violation: null, cycled: true };
    if (action === null) return { world, actions, violation: null, cycled: !options.settled(world) };
    const next = stepObserved(world, action, ctx);
    clock.observe(action, next.emitted);
    actions.push(action);
    options.onStep?.(action, world, next.world, next.emitted);
    if (next.violation !== null) return { world: next.world, actions, violation: next.violation, cycled: false };
    world = next.world;
  }
  return { world, actions, violation: null, cycled: false };
}
