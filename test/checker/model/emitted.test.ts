/**
 * What a step emitted (checker/model/emitted.ts) comes from the transition that built the successor: the same
 * successor as the unobserved step, and, for a delivery, exactly the outputs the core returns for it.
 */
import assert from "node:assert/strict";
import { enabledActions } from "../../../checker/model/actions.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { stepChecked, stepObserved } from "../../../checker/model/checked-step.js";
import { makeContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { worldFingerprintHex } from "../../../checker/trace/trace-file.js";
import { below, makeRng } from "../../../checker/engine/prng.js";
import { step } from "../../../impl/core/step.js";
import type { NodeState } from "../../../impl/core/types.js";

describe("emitted outputs (one transition path)", () => {
  it("match the core's own outputs and leave the successor unchanged, along seeded walks with a Byzantine node", () => {
    const made = makeCheckConfig({ coordinator: "byzantine", budgets: { loss: 1, dup: 1, timeouts: 1 } });
    if (!made.ok) assert.fail(made.error);
    const ctx = makeContext(made.config);
    let deliveries = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const rng = makeRng(seed);
      let world = initialWorld(ctx);
      for (let i = 0; i < 25; i++) {
        const actions = enabledActions(world, ctx);
        if (actions.length === 0) break;
        const action = actions[below(rng, actions.length)]!;
        const observed = stepObserved(world, action, ctx);
        const plain = stepChecked(world, action, ctx);
        assert.equal(worldFingerprintHex(observed.world, ctx), worldFingerprintHex(plain.world, ctx));
        assert.deepEqual(observed.violation, plain.violation);
        if (action.kind === "deliver") {
          const e = action.envelope;
          const fresh = step(world.nodes[e.to] as NodeState, { kind: "Delivered", from: e.from, message: e.message },
            ctx.env);
          assert.equal(observed.emitted?.node, e.to);
          assert.deepEqual(observed.emitted?.out, fresh.out);
          deliveries++;
        }
        if (action.kind === "drop" || action.kind === "duplicate") assert.equal(observed.emitted, null);
        if (plain.violation !== null) break;
        world = plain.world;
      }
    }
    assert.ok(deliveries > 20, `${deliveries} deliveries compared`);
  });
});
