/**
 * Why the latent-Byzantine reduction is limited to one Byzantine participant: with
 * n = 7, f = 2, a PREPARE quorum of P0 can need both P5's and P6's votes. Whichever
 * comes first is only logged (effect "absorbed": the reduction skips it), and only the
 * second completes the quorum. Skipping the first makes that quorum unreachable, so
 * the explorer refuses the reduction there and the CLI defaults to none.
 */
import assert from "node:assert/strict";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { apply, type Applied } from "../../../checker/model/apply.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { checkConfigFromFlags } from "../../../checker/cli/check-options.js";
import { makeContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { World } from "../../../checker/model/world.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

describe("latent-Byzantine reduction with two Byzantine participants", () => {
  it("a quorum that needs both Byzantine votes forms only after one of them was absorbed silently", () => {
    const made = makeCheckConfig({ f: 2, budgets: noFaults });
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    let world: World = initialWorld(ctx);
    const take = (what: string, match: (a: Action) => boolean): Applied => {
      const action = enabledActions(world, ctx).find(match);
      assert.ok(action !== undefined, `no enabled action: ${what}`);
      const applied = apply(world, action, ctx);
      assert.equal(applied.violation, null);
      world = applied.world;
      return applied;
    };
    const delivery = (kind: string, from: number, to: number) => (a: Action): boolean =>
      a.kind === "deliver" && a.envelope.message.body.kind === kind && a.envelope.from === from && a.envelope.to === to;
    for (const p of [0, 1, 2]) take(`pre-prepare to P${p}`, delivery("PrePrepare", ctx.coordinator, p));
    for (const p of [1, 2]) take(`P${p}'s PREPARE to P0`, delivery("Prepare", p, 0));
    const p0 = world.nodes[0];
    assert.ok(p0 !== undefined && p0.role === "participant");
    const digest = p0.slots[0]?.prePrepare?.body.digest;
    const byzantinePrepare = (from: number) => (a: Action): boolean =>
      a.kind === "byzantine" && a.from === from && a.to === 0 && a.message.kind === "Prepare"
      && a.message.view === 0 && a.message.digest === digest;
    assert.equal(take("P5's PREPARE", byzantinePrepare(5)).effect, "absorbed");
    assert.equal(take("P6's PREPARE", byzantinePrepare(6)).effect, "reacted");
    const after = world.nodes[0];
    assert.ok(after !== undefined && after.role === "participant");
    assert.equal(after.slots[0]?.phase, "prepared");
  });

  it("the explorer refuses it and the CLI defaults to none, or says why in one line", () => {
    const made = makeCheckConfig({ f: 2, budgets: noFaults });
    assert.ok(made.ok);
    const bounds = { depthMax: 1, statesMax: 100, bytesMax: 2 ** 20, reduceLatentByzantine: true };
    assert.throws(() => exploreBfs(makeContext(made.config), bounds), /unsound/);
    const byDefault = checkConfigFromFlags({ f: "2" });
    assert.ok(byDefault.ok);
    assert.equal(byDefault.value.bounds.reduceLatentByzantine, false);
    const asked = checkConfigFromFlags({ f: "2", reduce: "latent-byzantine" });
    assert.ok(!asked.ok);
    assert.match(asked.error, /^--reduce latent-byzantine: unsound with 2 Byzantine participants/);
    const one = checkConfigFromFlags({ f: "1" });
    assert.ok(one.ok);
    assert.equal(one.value.bounds.reduceLatentByzantine, true);
  });
});
