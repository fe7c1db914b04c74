/** The soak's diagnosis (bench/soak-diagnosis.ts): metrics parsed, held items read, rising series named. */
import assert from "node:assert/strict";
import {
  heldOf, heldTable, memoryOf, parseMetrics, risingSeries, type DiagnosisWindow,
} from "../../bench/soak-diagnosis.js";

const metricsText = (slots: number, outcomes: number, heapBytes: number): string => [
  "# HELP process_heap_bytes V8 heap used, bytes.", "# TYPE process_heap_bytes gauge",
  `process_heap_bytes ${heapBytes}`,
  `byzcommit_held_items{what="slots"} ${slots}`,
  `byzcommit_held_items{what="replica.outcomes"} ${outcomes}`,
  "byzcommit_held_items{what=\"queue\"} 0",
].join("\n");

/** Twenty windows of 1,000 txns: P0's slots steady, its outcome table and heap as `grow` says. */
function windows(grow: (i: number) => { outcomes: number; heapMb: number }): DiagnosisWindow[] {
  return Array.from({ length: 20 }, (_, i) => {
    const { outcomes, heapMb } = grow(i);
    return {
      acknowledged: (i + 1) * 1000,
      nodes: [{
        name: "P0", storeBytes: 8 * 2 ** 20, proc: null,
        metrics: parseMetrics(metricsText(128 + (i % 3), outcomes, heapMb * 2 ** 20)),
      }],
    };
  });
}

describe("soak diagnosis (bench/soak-diagnosis.ts)", () => {
  it("parses the exposition text, skipping comments, and reads held items by structure", () => {
    const node = { name: "P0", proc: null, storeBytes: 2 ** 20, metrics: parseMetrics(metricsText(3, 7, 2 ** 21)) };
    assert.deepEqual(heldOf(node), { slots: 3, "replica.outcomes": 7, queue: 0 });
    assert.deepEqual(memoryOf(node), { heap: 2, "heap total": 0, buffers: 0, anon: 0, file: 0, disk: 1 });
  });

  it("names the structures that rise over the second half, steepest first, and not the steady ones", () => {
    const rising = risingSeries(windows((i) => ({ outcomes: 1000 * (i + 1), heapMb: 40 + i })));
    assert.equal(rising.length, 2);
    assert.match(rising[0] as string, /^P0 replica\.outcomes: \+1000\.00 per 1000 txns/);
    assert.match(rising[1] as string, /^P0 heap MB: \+1\.00 per 1000 txns/);
  });

  it("names nothing when every series is flat or noisy around a level", () => {
    assert.deepEqual(risingSeries(windows((i) => ({ outcomes: 1500 + (i % 2) * 300, heapMb: 40 + (i % 4) }))), []);
  });

  it("shows only the structures ever non-empty", () => {
    const table = heldTable(windows(() => ({ outcomes: 5, heapMb: 1 })), "P0");
    assert.deepEqual(Object.keys(table[0] ?? {}), ["txns to", "slots", "replica.outcomes"]);
  });
});
