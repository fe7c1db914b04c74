/**
 * The relay's fault model for one directed link: each frame is dropped with
 * probability `loss`, else sent once more with probability `duplicate`, each
 * copy after a delay uniform in [delayMsMin, delayMsMax]. Frames delayed
 * independently may overtake each other: the protocol must not rely on order.
 *
 * One seeded PRNG per link (pure-rand), so a link's decisions depend only on
 * the seed and the link, not on how the other links' traffic interleaves.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export interface LinkFaults {
  readonly loss: number;
  readonly duplicate: number;
  readonly delayMsMin: number;
  readonly delayMsMax: number;
}

export const noFaults: LinkFaults = { loss: 0, duplicate: 0, delayMsMin: 0, delayMsMax: 0 };

export type RandomSource = () => number;

/** A PRNG for the link from -> to, independent of every other link's. */
export function linkRandom(seed: number, from: number, to: number): RandomSource {
  const rng = xoroshiro128plus((seed * 7919 + from * 131 + to) | 0);
  return () => uniformFloat64(rng);
}

/** The delays (ms) of the copies to send for one frame: none when dropped, two when duplicated. */
export function frameFate(faults: LinkFaults, random: RandomSource): number[] {
  if (random() < faults.loss) return [];
  const copies = random() < faults.duplicate ? 2 : 1;
  const spread = faults.delayMsMax - faults.delayMsMin + 1;
  return Array.from({ length: copies }, () => faults.delayMsMin + Math.floor(random() * spread));
}
