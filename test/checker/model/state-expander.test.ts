/**
 * The expander counts the Byzantine moves the latent reduction drops in place, from a
 * mask judged once per (target state, move list) (adversary-effective.ts:
 * latentDropped), instead of building each one's delta. These pins were measured on
 * the build before that change (main at 48b1154), in configs the golden counts do not
 * cover: equivocation pairs under dead-mail collection, and a timer-driven view change.
 * The same states and the same transitions tried mean the same moves were counted. The silent-coordinator pin
 * moved 110,173 -> 111,912 transitions (the same states) when a participant began to send a NEW-VIEW and a
 * PRE-PREPARE for a view it does not lead, as the golden counts did.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs, type BfsOptions } from "../../../checker/model/world-bfs.js";

const cases: [string, CheckConfigInput, number, Partial<BfsOptions>, number, number][] = [
  ["model a (equivocating P3), latent and dead mail",
    { strategy: "equivocate", budgets: { loss: 0, dup: 0, timeouts: 0 } }, 12, { collectDeadMail: true },
    95_716, 591_213],
  ["silent coordinator, one timeout", { coordinator: "silent", budgets: { loss: 0, dup: 0, timeouts: 1 } },
    3, {}, 5_713, 111_912],
];

describe("StateExpander counting latent moves in place", () => {
  for (const [name, input, depth, extra, states, transitions] of cases) {
    it(`${name}, depth ${depth}: ${states} states, ${transitions} transitions, as before`, function () {
      this.timeout(300_000);
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const result = exploreBfs(makeContext(made.config),
        { depthMax: depth, statesMax: 10_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, ...extra });
      assert.equal(result.violation, null);
      assert.deepEqual([result.distinctStates, result.transitions], [states, transitions]);
    });
  }
});
