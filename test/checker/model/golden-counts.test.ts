/**
 * Golden counts (STYLE.md): the distinct states and transitions of a few small
 * BFS configurations. A pure speed-up of the explorer leaves them unchanged; a
 * change here means the model's meaning changed, so read the diff in review.
 * The figures were first measured on the explorer before the step memo and the
 * incremental fingerprints, and both versions gave the same numbers.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs, latentReductionProblem } from "../../../checker/model/world-bfs.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

// Re-pinned with the schema-derived alphabet (issue 12): every kind over views 0..1+timeouts (changes and
// leader moves up to the first view each faulty node leads), forgeries, composites from knowledge, and
// CHECKPOINT/VIEW-CHANGE/NEW-VIEW to the coordinator too. Before it: default depth 4 1,618 / 16,089 and depth 6
// 14,082 / 189,156; Byzantine coordinator depth 4 5,040 / 35,990; f=2 depth 2 3,753 / 7,567; every budget depth 3
// 3,763 / 16,446; silent coordinator depth 4 2,074 / 19,473. Depths were lowered where a case grew past ~10 s.
// Re-pinned again when the alphabet met the merged core (flag authority, proofs of VIEW-CHANGE/NEW-VIEW
// equivocation and non-leader signers, bounded confirmations): the same states but for f=2 (38,827 before),
// more transitions (the alphabet's moves the merged core no longer treats as no-ops).
// Re-pinned when a participant's alphabet gained a NEW-VIEW (to the coordinator only) and a PRE-PREPARE in a
// changed view it does not lead (issue 12, item 7): the same states in every case, more transitions (default depth
// 4 732,120 and depth 5 4,352,182 before; Byzantine coordinator 211,041; f=2 306,609; every budget 206,153; silent
// coordinator 807,736; with corruptions 3,485,516, 217,839 and 915,398).
const cases: [name: string, input: CheckConfigInput, depth: number, states: number, transitions: number][] = [
  ["default (n=4, P3 Byzantine, full alphabet)", { budgets: noFaults }, 4, 25_924, 743_800],
  ["default", { budgets: noFaults }, 5, 131_962, 4_420_814],
  ["Byzantine coordinator", { coordinator: "byzantine", budgets: noFaults }, 3, 13_619, 213_627],
  // No latent reduction with two Byzantine participants (latent-reduction-f2.test.ts); with it, depth 3 gave 6,324
  // states; without, 107,309.
  ["f=2 (n=7, P5 and P6 Byzantine), no reduction", { f: 2, budgets: noFaults }, 2, 38_881, 309_969],
  // With a crash budget the world keeps what each node last persisted (a crash restarts from it): 3,442 states before.
  ["every fault budget at 1",
    { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3, 14_025, 209_243],
  ["silent coordinator (it may stop at any step)", { coordinator: "silent", budgets: noFaults }, 4, 29_927, 820_499],
  // `--corrupt` (adversary-corruptions.ts): pinned on the branch that built it, before the expander counted latent
  // moves and moves repeating another's change in place (adversary-effective.ts: inPlace), so these also check that
  // counting against every corruption: 3-10x the transitions (every
  // corruption of a composite, to every target), a few more states (corrupted VIEW-CHANGEs an honest node stores,
  // rejections that prove the sender).
  ["default with corruptions", { budgets: noFaults, corrupt: true }, 4, 26_248, 3_497_244],
  ["Byzantine coordinator with corruptions", { coordinator: "byzantine", budgets: noFaults, corrupt: true }, 3,
    13_619, 220_425],
  ["every fault budget at 1 with corruptions",
    { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 }, corrupt: true }, 3, 14_037, 918_488],
];

describe("golden counts of small BFS configurations", () => {
  for (const [name, input, depth, states, transitions] of cases) {
    it(`${name}, depth ${depth}: ${states} states, ${transitions} transitions`, () => {
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const result = exploreBfs(makeContext(made.config), {
        depthMax: depth, statesMax: 10_000_000, bytesMax: 2 ** 30,
        reduceLatentByzantine: latentReductionProblem(made.config) === null,
      });
      assert.equal(result.violation, null);
      assert.equal(result.stopReason, "depth");
      assert.deepEqual([result.distinctStates, result.transitions], [states, transitions]);
    });
  }

  // The explorer does not keep the last level's states; it must still tell a cut search from a finished one.
  for (const [depth, stopReason, depthExplored] of [[18, "depth", 18], [19, "exhausted", 18]] as const) {
    it(`silent Byzantine participant, depth ${depth}: 465 states, stopped by ${stopReason}`, () => {
      const made = makeCheckConfig({ strategy: "silent", budgets: noFaults });
      assert.ok(made.ok);
      const result = exploreBfs(makeContext(made.config),
        { depthMax: depth, statesMax: 10_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true });
      assert.deepEqual([result.distinctStates, result.transitions, result.stopReason, result.depthExplored],
        [465, 1_542, stopReason, depthExplored]);
    });
  }
});
