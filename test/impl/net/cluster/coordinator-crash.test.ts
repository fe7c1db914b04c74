/**
 * The coordinator is killed mid-run; the participants finish its transactions
 * through a view change (DESIGN.md §3, Recovery) and the client's retries are
 * answered by the new leader.
 */
import assert from "node:assert/strict";
import { problemsOf, runSmall } from "./run-small.js";

describe("cluster: the coordinator killed mid-run", function () {
  this.timeout(60_000);

  // Needs view change in impl/core (issue 5): today a participant ignores ViewChange/NewView.
  it.skip("finishes its transactions by view change", async () => {
    const run = await runSmall({ txns: 40, events: [{ action: "kill", node: "C", atMs: 500 }], checkWaitMs: 15_000 });
    assert.ok(run.check.ok, problemsOf(run));
    const decided = run.check.replicas.map((r) => r.lastExecuted);
    assert.ok(decided.every((seq) => seq === decided[0]));
  });
});
