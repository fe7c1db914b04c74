import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { FrontierQueue } from "../../../checker/engine/frontier-queue.js";
import { WorldCodec } from "../../../checker/model/world-codec.js";
import type { World } from "../../../checker/model/world.js";

const cases: [string, CheckConfigInput, number][] = [
  ["default world", { budgets: { loss: 0, dup: 0, timeouts: 0 } }, 4],
  // Crashes make the world keep persisted states, partitions an isolated node, a silent coordinator the silenced flag.
  ["every fault budget, silent coordinator",
    { coordinator: "silent", budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3],
];

describe("WorldCodec", () => {
  for (const [name, input, depth] of cases) {
    it(`decodes every world of a BFS (${name}, depth ${depth}) to an equal world with the same objects inside`, () => {
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const ctx = makeContext(made.config);
      const worlds: World[] = [];
      exploreBfs(ctx, { depthMax: depth, statesMax: 1_000_000, bytesMax: 2 ** 28, onState: (w) => worlds.push(w) });
      assert.ok(worlds.length > 500, `${worlds.length} worlds`);
      const codec = new WorldCodec(ctx);
      const queue = new FrontierQueue();
      worlds.forEach((w, i) => codec.encode(w, i, queue));
      for (const [i, w] of worlds.entries()) {
        const row = codec.decode(queue);
        assert.ok(row !== null);
        assert.equal(row.parent, i);
        assert.deepEqual(row.world, w);
        // Identity, not just equality: the step memo and the hashers key on these objects.
        row.world.nodes.forEach((s, id) => assert.equal(s, w.nodes[id]));
        row.world.inFlight.forEach((e, k) => assert.equal(e, w.inFlight[k]));
      }
      assert.equal(codec.decode(queue), null);
      const { nodes, envelopes } = codec.tableSizes;
      assert.ok(nodes < worlds.length && envelopes < worlds.length, `tables ${nodes} nodes, ${envelopes} envelopes`);
    });
  }
});
