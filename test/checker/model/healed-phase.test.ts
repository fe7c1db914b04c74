/**
 * The healed phase fires timers by simulated deadline (checker/model/healed-phase.ts).
 * Firing them round-robin cut every view change short at n = 7: each
 * participant's view-change timer fired in turn before the new leader's NEW-VIEW
 * could land, so views moved on forever and swarm runs failed liveness (seed 1,
 * run 117 with a Byzantine coordinator). With deadlines the doubled view-change
 * timeouts give the new view time to complete.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreRandom } from "../../../checker/search/explore-random.js";
import { runHealedPhase } from "../../../checker/model/healed-phase.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { apply } from "../../../checker/model/apply.js";
import { enabledActions } from "../../../checker/model/actions.js";

function config(input: CheckConfigInput) {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return made.config;
}

describe("healed phase", () => {
  it("decides every owed txn in swarm runs with a Byzantine coordinator, crashes and partitions", () => {
    const c = config({ coordinator: "byzantine", budgets: { crashes: 1, partitions: 1 } });
    const r = exploreRandom(c, { runs: 150, steps: 60, seed: 1, swarm: true, liveness: "on" });
    assert.equal(r.failure, null, r.failure?.outcome.violation?.message);
    assert.ok(r.reached.includes("a view change completes"));
  });

  it("fires the earliest deadline first: the leader's resend (4 ticks) before anyone's view-change (8)", () => {
    // The coordinator falls silent with its pre-prepare to P2 lost: P0 and P1 wait on t1 with both timers armed.
    const ctx = makeContext(config({ coordinator: "silent", budgets: { loss: 1, dup: 0, timeouts: 0 } }));
    let world = initialWorld(ctx);
    const drop = enabledActions(world, ctx).find((a) => a.kind === "drop" && a.envelope.to === 2);
    assert.ok(drop !== undefined);
    world = apply(world, drop, ctx).world;
    world = apply(world, { kind: "silence" }, ctx).world;
    const healed = runHealedPhase(world, ctx, { stepsMax: 2_000, settled: () => false });
    const fires = healed.actions.filter((a) => a.kind === "fire").map((a) => (a.kind === "fire" ? a.timer : ""));
    assert.ok(fires.length > 0);
    const firstViewChange = fires.indexOf("view-change");
    assert.ok(firstViewChange > 0,
      `a resend fires before the first view-change timer: ${fires.slice(0, 6).join(", ")}`);
  });
});
