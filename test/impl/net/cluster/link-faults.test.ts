/** The relay's per-link fault model is seeded per link and honours its rates. */
import assert from "node:assert/strict";
import { frameFate, linkRandom } from "../../../../impl/net/cluster/link-faults.js";

describe("link faults", () => {
  const faults = { loss: 0.1, duplicate: 0.05, delayMsMin: 2, delayMsMax: 9 };
  const fates = (seed: number, from: number, to: number): number[][] => {
    const random = linkRandom(seed, from, to);
    return Array.from({ length: 5_000 }, () => frameFate(faults, random));
  };

  it("replays the same fates for the same seed and link, and others for another link", () => {
    assert.deepEqual(fates(7, 0, 1), fates(7, 0, 1));
    assert.notDeepEqual(fates(7, 0, 1), fates(7, 1, 0));
  });

  it("drops, duplicates and delays at about the configured rates and bounds", () => {
    const all = fates(3, 2, 4);
    const dropped = all.filter((f) => f.length === 0).length / all.length;
    const duplicated = all.filter((f) => f.length === 2).length / all.length;
    assert.ok(Math.abs(dropped - 0.1) < 0.02, `dropped ${dropped}`);
    assert.ok(Math.abs(duplicated - 0.045) < 0.015, `duplicated ${duplicated}`);
    assert.ok(all.flat().every((d) => d >= 2 && d <= 9));
  });
});
