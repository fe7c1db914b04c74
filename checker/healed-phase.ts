/**
 * The healed phase that ends every random run and simulation (DESIGN.md §5):
 * all faults stop — no drops, duplicates, partitions, crashes or Byzantine
 * moves — the partition heals, every message in flight is delivered, and when
 * none is in flight an armed timer fires, until the run is done or a bound is
 * reached. The choice is deterministic (the first envelope in the world's
 * canonical order), so a run's healed phase is a function of its start state.
 *
 * Timers fire round-robin over (honest node, timer name) pairs: always firing
 * the first armed one would starve the others, since a participant's resend
 * timer re-arms itself while its slot is pending — and only the coordinator's
 * resend can bring a lost pre-prepare back.
 *
 * The phase is deterministic, so once the same world recurs at the same
 * round-robin turn it cycles forever: it stops there (`cycled`), which proves
 * "never" rather than "not within the bound" and keeps liveness traces short.
 *
 * Timer firings here are not charged as faults: a timeout that fires after the
 * network healed is ordinary progress, so the fault budget does not bound them.
 */
import type { TimerName } from "../impl/core/types.js";
import type { Action } from "./actions.js";
import { stepChecked, type Judged } from "./checked-step.js";
import type { CheckContext } from "./context.js";
import { WorldFingerprinter } from "./fingerprint.js";
import { noBudgetsUsed, timerBits, type World } from "./world.js";

/** Timers by name: "resend" before "view-change", so the current leader gets its chance first. */
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
  /** Called after each step, for the simulator's log. */
  readonly onStep?: (action: Action, before: World, after: World) => void;
}

export interface HealedResult {
  readonly world: World;
  readonly actions: readonly Action[];
  readonly violation: Judged | null;
  /** The phase stopped because it came back to a world it had already been in: it would cycle forever. */
  readonly cycled: boolean;
}

/** The next healed-phase action, or null when the run is quiescent or settled; timers are searched from `turn` on. */
export function nextHealedAction(world: World, ctx: CheckContext, settled: (world: World) => boolean, turn: number): Action | null {
  if (world.isolated !== -1) return { kind: "heal" };
  const envelope = world.inFlight[0];
  if (envelope !== undefined) return { kind: "deliver", envelope };
  if (settled(world)) return null;
  const pairs = ctx.honest.length * timerNames.length;
  for (let k = 0; k < pairs; k++) {
    const at = (turn + k) % pairs;
    const node = ctx.honest[Math.floor(at / timerNames.length)] as number;
    const timer = timerNames[at % timerNames.length] as TimerName;
    if (((world.timers[node] ?? 0) & timerBits[timer]) !== 0) return { kind: "fire", node, timer };
  }
  return null;
}

export function runHealedPhase(start: World, ctx: CheckContext, options: HealedOptions): HealedResult {
  let world = start;
  const actions: Action[] = [];
  let turn = 0;
  const seen = new Set<string>();
  const fingerprinter = new WorldFingerprinter(ctx);
  const fp = { hi: 0, lo: 0 };
  while (actions.length < options.stepsMax) {
    const action = nextHealedAction(world, ctx, options.settled, turn);
    if (action === null) break;
    if (action.kind === "fire") {
      // Only a firing can close a cycle: deliveries alone drain the network, then stop. The budget
      // counters are left out: every firing bumps `used.timeouts`, yet no fault can happen any more.
      fingerprinter.fingerprint({ ...world, used: noBudgetsUsed }, fp);
      const key = `${fp.hi}:${fp.lo}@${turn}`;
      if (seen.has(key)) return { world, actions, violation: null, cycled: true };
      seen.add(key);
      turn = firedTurn(ctx, action.node, action.timer) + 1;
    }
    const next = stepChecked(world, action, ctx);
    actions.push(action);
    options.onStep?.(action, world, next.world);
    if (next.violation !== null) return { world: next.world, actions, violation: next.violation, cycled: false };
    world = next.world;
  }
  return { world, actions, violation: null, cycled: false };
}

/** The round-robin position of (node, timer), so the next search starts just after it. */
function firedTurn(ctx: CheckContext, node: number, timer: TimerName): number {
  return ctx.honest.indexOf(node) * timerNames.length + timerNames.indexOf(timer);
}
