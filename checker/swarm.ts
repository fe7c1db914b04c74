/**
 * Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): instead of one
 * config for every run, each run draws its own n, f, fault budgets and
 * Byzantine strategy. Runs then differ in which faults are even possible, which
 * finds bugs that a fixed mix of everything dilutes. The draw is a fast-check
 * record, so a failing run shrinks its config too (smaller n, fewer faults).
 *
 * What the user configured stays: coordinator mode, txns and their flag,
 * mutant, window and checkpoint interval. The Byzantine participants are the
 * default ones (the last f), since an explicit list may not fit the drawn n.
 */
import fc from "fast-check";
import { makeCheckConfig, strategyNames, type Budgets, type CheckConfig, type Strategy } from "./check-config.js";

export interface SwarmDraw {
  readonly n: number;
  /** f = 2 when n >= 7 allows it and this is set; else f = 1. */
  readonly twoFaulty: boolean;
  readonly budgets: Budgets;
  readonly strategy: Strategy;
}

export const swarmNMin = 4;
export const swarmNMax = 7;

export const swarmDrawArbitrary: fc.Arbitrary<SwarmDraw> = fc.record({
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
});

export function swarmConfig(base: CheckConfig, draw: SwarmDraw): CheckConfig {
  const f = draw.n >= 7 && draw.twoFaulty ? 2 : 1;
  const made = makeCheckConfig({
    n: draw.n, f, coordinator: base.coordinator, txnCount: base.txns.length, flag: base.txns[0]?.flag,
    budgets: draw.budgets, strategy: draw.strategy, mutant: base.mutant,
    protocol: { windowSize: base.protocol.windowSize, checkpointInterval: base.protocol.checkpointInterval },
  });
  // Every draw satisfies n >= 3f+1 and the budgets are non-negative, so this is our mistake if it fails.
  if (!made.ok) throw new Error(`swarm drew an invalid config: ${made.error}`);
  return made.config;
}
