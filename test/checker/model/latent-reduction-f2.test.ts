/**
 * Why the one-participant form of the latent-Byzantine reduction cannot serve two: with
 * n = 7, f = 2, a PREPARE quorum of P0 can need both P5's and P6's votes. Whichever
 * comes first is only logged (effect "absorbed"), and only the second completes the
 * quorum. Skipping every absorbed vote makes that quorum unreachable, so with two
 * Byzantine participants the reduction keeps a vote that heads a bundle
 * (latent-bundles.ts; latent-bundles.test.ts compares it with the unreduced search);
 * that form is opt-in, and the CLI defaults to none.
 */
import assert from "node:assert/strict";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { apply, type Applied } from "../../../checker/model/apply.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { checkConfigFromFlags } from "../../../checker/cli/check-options.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { World } from "../../../checker/model/world.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

describe("latent-Byzantine reduction with two Byzantine participants", () => {
  /** The world just before P5's and P6's PREPAREs (the first test's), where the quorum needs both. */
  let quorumRoot: { readonly ctx: CheckContext; readonly world: World } | null = null;
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
    quorumRoot = { ctx, world };
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

  it("the explorer keeps the first vote of that quorum as a bundle's head, and the CLI takes it when asked", () => {
    assert.ok(quorumRoot !== null);
    const { ctx } = quorumRoot;
    let prepared = false;
    const r = exploreBfs(ctx, {
      depthMax: 2, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, root: quorumRoot.world,
      onState: (w) => {
        const p0 = w.nodes[0];
        if (p0?.role === "participant" && p0.slots[0]?.phase === "prepared") prepared = true;
      },
    });
    assert.equal(r.violation, null);
    assert.ok(prepared, "P0 never prepared under the reduction");
    const byDefault = checkConfigFromFlags({ f: "2" });
    assert.ok(byDefault.ok);
    assert.equal(byDefault.value.bounds.reduceLatentByzantine, false);
    const asked = checkConfigFromFlags({ f: "2", reduce: "latent-byzantine" });
    assert.ok(asked.ok);
    assert.equal(asked.value.bounds.reduceLatentByzantine, true);
    const one = checkConfigFromFlags({ f: "1" });
    assert.ok(one.ok);
    assert.equal(one.value.bounds.reduceLatentByzantine, true);
  });
});
