/**
 * The checker's BFS expands worlds its own way (state-expander.ts: successors
 * fingerprinted before they are built, self-loops skipped, levels held as
 * interned rows). Run through the engine's plain SearchModel path instead, the
 * same configs must reach the same states, try the same transitions and give the
 * same verdict: the fast path explores exactly what the plain one does.
 */
import assert from "node:assert/strict";
import { exploreModelBfs } from "../../../checker/engine/explore-bfs.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { worldSearchModel } from "../../../checker/model/world-search-model.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };
const cases: [name: string, input: CheckConfigInput, depth: number][] = [
  ["default (n=4, P3 Byzantine)", { budgets: noFaults }, 2],
  ["Byzantine coordinator", { coordinator: "byzantine", budgets: noFaults }, 2],
  ["every fault budget at 1", { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 2],
  ["silent Byzantine participant", { strategy: "silent", budgets: noFaults }, 8],
];

describe("byzcommit's BFS expansion against the engine's plain SearchModel path", () => {
  for (const [name, input, depth] of cases) {
    it(`${name}, depth ${depth}: the same states, transitions and verdict`, () => {
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const bounds = { depthMax: depth, statesMax: 10_000_000, bytesMax: 2 ** 30 };
      const fast = exploreBfs(makeContext(made.config), bounds);
      const plain = exploreModelBfs(worldSearchModel(makeContext(made.config)), bounds);
      assert.ok(fast.distinctStates > 1);
      assert.deepEqual(
        [plain.distinctStates, plain.transitions, plain.stopReason, plain.violation],
        [fast.distinctStates, fast.transitions, fast.stopReason, fast.violation]);
    });
  }
});
