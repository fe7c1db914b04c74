/**
 * The coordinator is killed mid-run on links that lose frames, and restarted
 * later from its durable state. While it is down the participants finish its
 * transactions through a view change (DESIGN.md §3, Recovery), and the client
 * learns those outcomes from f+1 matching signed confirmations it reads from the
 * participants (participant-outcome.ts), since no coordinator answers. The
 * restart brings the rest: a participant that missed one of its last
 * pre-prepares has nothing to wait on and no way to learn it lags until someone
 * sends again (PBFT has the client retransmit to every replica; here only the
 * coordinator takes requests).
 */
import assert from "node:assert/strict";
import { clusterRunMs, clusterTestMs, problemsOf, runSmall } from "./run-small.js";

/**
 * The check waits up to 40 s for the replicas to meet (it polls, so a run that converges sooner ends sooner): with P3
 * silent every slot needs all three honest participants, and one that fell behind on a hole only the others' votes
 * or a view change can fill (participant-timers.ts: "only a view change brings it back") can take several
 * view-change timeouts to catch up. With 15 s, one single attempt in 18 ended with the laggard two seconds short
 * ("progress: P1 executed through seq 55, others through 60"), and in one clean-clone CI run all three attempts ended
 * with one behind ("P2 executed through seq 31, others through 49").
 */
const checkWaitMs = 40_000;

describe("cluster: the coordinator killed mid-run", function () {
  this.timeout(clusterTestMs + checkWaitMs);
  // Up to two more attempts, and only for this test: at 30% loss a participant can still be catching up when the
  // check ends (above). That was one attempt in three until a view installed after a participant's last progress
  // doubled its view-change timeout (participant-timers.ts). Every attempt asserts everything below.
  this.retries(2);

  it("finishes its transactions by view change", async () => {
    const run = await runSmall({
      txns: 40, concurrency: 16, checkWaitMs, stallMs: 12_000, timeoutMs: clusterRunMs + checkWaitMs,
      events: [{ action: "kill", node: "C", atMs: 500 }, { action: "restart", node: "C", atMs: 7_000 }],
      // 2 s at the 100 ms tick: the view change comes well before the restart.
      viewChangeTicks: 20,
      // A silent P3 makes every slot need all three honest participants, and loss leaves some of
      // C's last pre-prepares at fewer of them: those wait on a leader that is gone, which only a
      // view change ends. (With four honest participants a run often needed none, and one that
      // missed C's very last pre-prepare had nothing to wait on and no way to learn it lagged.)
      byzantine: new Map([["P3", "silent"]]),
      faults: { loss: 0.3, duplicate: 0, delayMsMin: 0, delayMsMax: 0 },
    });
    assert.ok(run.check.ok, problemsOf(run));
    const decided = run.check.replicas.map((r) => r.lastExecuted);
    assert.ok(decided.every((seq) => seq === decided[0]), `replicas at different seqs: ${decided.join(", ")}`);
    const views = run.after.filter((s) => s.name !== "C").map((s) => s.status?.["view"]);
    assert.ok(views.every((view) => typeof view === "number" && view > 0), `no view change: views ${views.join(", ")}`);
    assert.ok(run.workload.viaParticipants > 0, "no outcome was read from the participants");
    // Not asserted: that all 40 finish. After the restart the coordinator relays the rest to a
    // participant leader; that works, but at the 100 ms tick not always within this test's budget.
  });
});
