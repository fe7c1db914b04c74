/**
 * `simulate`: one run of the simulated world, driven by a seeded PRNG rather
 * than explored (DESIGN.md §8). Each participant is Byzantine with the given
 * probability (at most f of them, drawn from the seed) and follows a named
 * strategy; the honest coordinator proposes every txn with the given flag;
 * the network loses, duplicates and reorders messages with the given
 * probabilities (simulate-network.ts); then it heals and everything is
 * delivered, timers firing as needed (healed-phase.ts). Every state is held to
 * the safety invariants on the way, as in the checker's other modes.
 */
import type { NodeId, Outcome } from "../../spec/messages.js";
import type { Action } from "../model/actions.js";
import { makeCheckConfig, type CheckConfig, type Strategy } from "../model/check-config.js";
import { stepObserved, type Judged } from "../model/checked-step.js";
import { makeContext, type CheckContext } from "../model/context.js";
import { healedStepsMax, runHealedPhase } from "../model/healed-phase.js";
import { emptyWorld } from "../model/initial-world.js";
import { undecided } from "../model/liveness.js";
import { chance, makeRng, shuffled, type Rng } from "../engine/prng.js";
import { isByzantineMove, nextFaultyAction, SendOrder } from "./simulate-network.js";
import { SimulationRecorder, type SimulationPhase } from "./simulate-record.js";
import type { World } from "../model/world.js";
import type { ProtocolConfig } from "../../spec/config.js";
import { expiredBy } from "../../impl/core/coordinator-expiry.js";
import { asNodeId } from "../../spec/ids.js";

export interface SimulateInput {
  readonly n: number;
  readonly f: number;
  readonly propose: Outcome;
  readonly byzantineProb: number;
  readonly loss: number;
  readonly dup: number;
  readonly reorder: number;
  readonly txns: number;
  readonly seed: number;
  readonly strategy: Strategy;
  /** Each txn's `expires` (spec/messages.ts), in txn order; absent: none, as before. */
  readonly expires?: readonly number[];
  /** Overrides of the protocol config (e.g. a checkpoint every seq, so expired records are pruned early). */
  readonly protocol?: Partial<ProtocolConfig>;
}

export interface Simulation {
  readonly config: CheckConfig;
  readonly ctx: CheckContext;
  readonly world: World;
  readonly recorder: SimulationRecorder;
  /** The first safety invariant broken (the simulation stops there), or null. */
  readonly violation: Judged | null;
  /** The healed phase came back to a state it had been in: what is undecided stays so forever. */
  readonly stuck: boolean;
}

/** How often, before the network heals, a step is a Byzantine move, and how many each Byzantine node makes. */
export const byzantineMoveRate = 0.2;
export const byzantineMovesPerTxn = 4;

/** Each participant, in a seeded order, turns Byzantine with probability p until f have. */
function drawByzantine(rng: Rng, n: number, f: number, p: number): NodeId[] {
  const chosen: NodeId[] = [];
  for (const id of shuffled(rng, Array.from({ length: n }, (_, i) => asNodeId(i)))) {
    if (chosen.length < f && chance(rng, p)) chosen.push(id);
  }
  return chosen.sort((a, b) => a - b);
}

/** The world before the client submits: the simulator submits on its own schedule, where it is logged. */
function worldBeforeSubmissions(config: CheckConfig): World {
  return emptyWorld(makeContext(config));
}

export function simulate(input: SimulateInput): { ok: true; value: Simulation } | { ok: false; error: string } {
  const rng = makeRng(input.seed);
  const byzantine = drawByzantine(rng, input.n, input.f, input.byzantineProb);
  const made = makeCheckConfig({
    n: input.n, f: input.f, byzantine, coordinator: "honest", txnCount: input.txns, flag: input.propose,
    strategy: input.strategy,
    // Faults come from the rates, not from budgets.
    budgets: { loss: 0, dup: 0, partitions: 0, crashes: 0, timeouts: 0 },
    protocol: input.protocol,
  });
  if (!made.ok) return made;
  const config = withExpiries(made.config, input.expires);
  const ctx = makeContext(config);
  const recorder = new SimulationRecorder(ctx);
  const order = new SendOrder();
  let world = worldBeforeSubmissions(config);
  const take = (action: Action, phase: SimulationPhase): Judged | null => {
    const next = stepObserved(world, action, ctx);
    recorder.record(action, next.emitted, phase);
    order.sync(world, next.world);
    world = next.world;
    return next.violation;
  };
  const done = (violation: Judged | null, stuck = false) =>
    ({ ok: true as const, value: { config, ctx, world, recorder, violation, stuck } });
  for (let i = 0; i < ctx.requests.length; i++) {
    const request = ctx.requests[i];
    const flag = config.txns[i]?.flag;
    if (request === undefined || flag === undefined) continue;
    const violation = take({ kind: "client", request, flag }, "submit");
    if (violation !== null) return done(violation);
  }
  const rates = { loss: input.loss, dup: input.dup, reorder: input.reorder, byzantineMove: byzantineMoveRate };
  let byzantineLeft = byzantine.length * byzantineMovesPerTxn * input.txns;
  const stepsMax = healedStepsMax(input.n, input.txns);
  for (let steps = 0; steps < stepsMax; steps++) {
    const action = nextFaultyAction(world, ctx, rng, rates, order, byzantineLeft);
    if (action === null) break;
    if (isByzantineMove(action)) byzantineLeft--;
    const violation = take(action, "faulty");
    if (violation !== null) return done(violation);
  }
  const healed = runHealedPhase(world, ctx, {
    stepsMax, settled: (w) => settled(w, ctx),
    onStep: (action, before, after, emitted) => {
      recorder.record(action, emitted, "healed");
      order.sync(before, after);
    },
  });
  world = healed.world;
  return done(healed.violation, healed.cycled);
}

/** `config` with txn i's body carrying `expires[i]` (the client signs it: makeContext signs the bodies). */
function withExpiries(config: CheckConfig, expires: readonly number[] | undefined): CheckConfig {
  if (expires === undefined) return config;
  const txns = config.txns.map((t, i) => {
    const e = expires[i];
    return e === undefined ? t : { ...t, txn: { ...t.txn, expires: e } };
  });
  return { ...config, txns };
}

/**
 * Every honest participant decided every txn, and the coordinator replied to the client for each, or its window
 * passed the txn's expiry (its reply, if any, pruned: impl/core/coordinator-expiry.ts).
 */
function settled(world: World, ctx: CheckContext): boolean {
  if (undecided(world, ctx).length > 0) return false;
  const coordinator = world.nodes[ctx.coordinator];
  return coordinator?.role === "coordinator" && ctx.config.txns.every((t) =>
    coordinator.replies.some((r) => r.txn === t.txn.id) || expiredBy(t.txn, coordinator.lowWatermark));
}
