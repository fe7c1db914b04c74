/**
 * Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): instead of one
 * config for every run, each run draws its own n, f, fault budgets, Byzantine
 * strategy, which participants are Byzantine, and the workload: each txn's flag
 * (commit or abort), whether its precondition fails, and whether the txns write
 * one key (every pair conflicts) or two. Runs then differ in which faults and
 * which protocol paths are even possible, which finds bugs that a fixed mix of
 * everything dilutes. The draw is a fast-check record, so a failing run shrinks
 * its config too (smaller n, fewer faults, commit flags, P0 among the faulty).
 *
 * What the user configured stays: coordinator mode, the number of txns, mutant,
 * window and checkpoint interval. The Byzantine participants are f consecutive
 * ids from a drawn first one (mod n), so P0, the leader of view 1, is often one.
 */
import fc from "fast-check";
import type { Outcome } from "../../spec/messages.js";
import {
  makeCheckConfig, strategyNames, type Budgets, type CheckConfig, type Strategy,
} from "../model/check-config.js";
import { asNodeId } from "../../spec/ids.js";

export interface SwarmDraw {
  readonly n: number;
  /** f = 2 when n >= 7 allows it and this is set; else f = 1. */
  readonly twoFaulty: boolean;
  readonly budgets: Budgets;
  readonly strategy: Strategy;
  /** The first Byzantine participant (mod n); the others follow it. */
  readonly byzantineFirst: number;
  /** One per txn of the base config. */
  readonly flags: readonly Outcome[];
  readonly stale: readonly boolean[];
  readonly oneKey: boolean;
}

export const swarmNMin = 4;
export const swarmNMax = 7;

export function swarmDrawArbitrary(txnCount: number): fc.Arbitrary<SwarmDraw> {
  const perTxn = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
    fc.array(a, { minLength: txnCount, maxLength: txnCount });
  return fc.record({
    n: fc.integer({ min: swarmNMin, max: swarmNMax }),
    twoFaulty: fc.boolean(),
    budgets: fc.record({
      loss: fc.integer({ min: 0, max: 3 }),
      dup: fc.integer({ min: 0, max: 3 }),
      partitions: fc.integer({ min: 0, max: 1 }),
      crashes: fc.integer({ min: 0, max: 1 }),
      timeouts: fc.integer({ min: 0, max: 3 }),
    }),
    strategy: fc.constantFrom(...strategyNames),
    byzantineFirst: fc.integer({ min: 0, max: swarmNMax - 1 }),
    flags: perTxn(fc.constantFrom<Outcome>("commit", "abort")),
    stale: perTxn(fc.boolean()),
    oneKey: fc.boolean(),
  });
}

export function swarmConfig(base: CheckConfig, draw: SwarmDraw): CheckConfig {
  const f = draw.n >= 7 && draw.twoFaulty ? 2 : 1;
  const byzantine = Array.from({ length: f }, (_, i) => asNodeId((draw.byzantineFirst + i) % draw.n));
  const made = makeCheckConfig({
    n: draw.n, f, byzantine, coordinator: base.coordinator, flags: draw.flags,
    stale: draw.stale.flatMap((s, i) => (s ? [i + 1] : [])), keys: draw.oneKey ? 1 : 2,
    budgets: draw.budgets, strategy: draw.strategy, mutant: base.mutant, corrupt: base.corrupt,
    protocol: {
      windowSize: base.protocol.windowSize, checkpointInterval: base.protocol.checkpointInterval,
      ...(base.protocol.batchSize === undefined ? {} : { batchSize: base.protocol.batchSize }),
    },
  });
  // Every draw satisfies n >= 3f+1 and the budgets are non-negative, so this is our mistake if it fails.
  if (!made.ok) throw new Error(`swarm drew an invalid config: ${made.error}`);
  return made.config;
}
