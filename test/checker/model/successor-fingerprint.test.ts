/**
 * The explorer fingerprints a successor from its parent's parts and the step's
 * delta before building it (successor-fingerprint.ts). That value must be the
 * fingerprint of the built world, for every kind of action: the explorer checks
 * it on every new state when asked (verifyFingerprints) and throws on a mismatch.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";

/** Name, config, depth with the latent-Byzantine reduction, depth without it. */
const cases: [string, CheckConfigInput, number, number][] = [
  ["honest coordinator, every fault budget at 1",
    { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 4, 3],
  ["Byzantine coordinator, replays and equivocation",
    { coordinator: "byzantine", budgets: { loss: 0, dup: 0, timeouts: 0 } }, 4, 3],
  // Depths cut for the schema-derived alphabet (~4-5x states a level): depth 7 was 3.4 M states here.
  ["honest coordinator, no faults", { budgets: { loss: 0, dup: 0, timeouts: 0 } }, 5, 4],
  ["silent coordinator, crashes and timeouts",
    { coordinator: "silent", budgets: { loss: 1, dup: 0, timeouts: 2, crashes: 1 } }, 4, 3],
];

describe("incremental successor fingerprints", () => {
  for (const [name, input, depth, depthUnreduced] of cases) {
    it(`equal the built world's fingerprint: ${name}, depth ${depth} (${depthUnreduced} unreduced)`, () => {
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      for (const reduce of [true, false]) {
        const result = exploreBfs(makeContext(made.config), {
          depthMax: reduce ? depth : depthUnreduced, statesMax: 10_000_000, bytesMax: 2 ** 30,
          reduceLatentByzantine: reduce, verifyFingerprints: true,
        });
        assert.equal(result.violation, null);
        assert.ok(result.distinctStates > 300, `explored only ${result.distinctStates} states`);
      }
    });
  }
});
