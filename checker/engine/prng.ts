/**
 * The simulator's one seeded PRNG (pure-rand's xoroshiro128+), passed
 * explicitly to whoever draws (STYLE.md: determinism in the checker). The
 * helpers below are the only draws the simulator makes, so the same seed
 * gives the same run and byte-identical output.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

export type Rng = RandomGenerator;

export const makeRng = (seed: number): Rng => xoroshiro128plus(seed);

/** True with probability p (p = 0 never, p = 1 always). */
export const chance = (rng: Rng, p: number): boolean => p > 0 && uniformFloat64(rng) < p;

/** An index in 0..count-1 (count >= 1). */
export const below = (rng: Rng, count: number): number => uniformInt(rng, 0, count - 1);

export function pick<T>(rng: Rng, list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[below(rng, list.length)];
}

/** A seeded Fisher-Yates shuffle (a copy). */
export function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
