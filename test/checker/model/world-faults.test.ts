/**
 * The world's crash and silence faults (DESIGN.md §6): a crash restarts a node
 * from what it last persisted, not from its current state; a silent coordinator
 * is honest until one adversary move stops it for good.
 */
import assert from "node:assert/strict";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { apply } from "../../../checker/model/apply.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { World } from "../../../checker/model/world.js";
import { durablePart } from "../../../impl/core/step.js";

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

function take(world: World, ctx: CheckContext, pick: (a: Action) => boolean): World {
  const action = enabledActions(world, ctx).find(pick);
  assert.ok(action !== undefined, "the action is enabled");
  return apply(world, action, ctx).world;
}

const isDeliverTo = (to: number, kind: string) => (a: Action): boolean =>
  a.kind === "deliver" && a.envelope.to === to && a.envelope.message.body.kind === kind;

describe("world faults", () => {
  it("restarts a crashed node from its last persisted state, losing what it changed since", () => {
    const ctx = context({ budgets: { crashes: 1, loss: 0, dup: 0, timeouts: 0 } });
    let world = initialWorld(ctx);
    world = take(world, ctx, isDeliverTo(0, "PrePrepare")); // P0 prepares: persisted before its PREPARE leaves
    const persisted = world.persisted[0];
    assert.ok(persisted !== null && persisted !== undefined);
    assert.equal(persisted, world.nodes[0]);
    world = take(world, ctx, isDeliverTo(1, "PrePrepare"));
    world = take(world, ctx, isDeliverTo(0, "Prepare")); // P1's PREPARE: P0 only logs it, nothing persisted
    assert.notEqual(world.nodes[0], persisted);
    assert.equal(world.persisted[0], persisted);
    const crashed = take(world, ctx, (a) => a.kind === "crash" && a.node === 0);
    assert.deepEqual(crashed.nodes[0], durablePart(persisted));
  });

  it("keeps no persisted states when no crash can happen", () => {
    const ctx = context({ budgets: { crashes: 0, loss: 0, dup: 0, timeouts: 0 } });
    const world = take(initialWorld(ctx), ctx, isDeliverTo(0, "PrePrepare"));
    assert.ok(world.persisted.every((p) => p === null));
  });

  it("lets a silent coordinator run until one move stops it for good", () => {
    const ctx = context({ coordinator: "silent", budgets: { loss: 0, dup: 0, timeouts: 1 } });
    let world = initialWorld(ctx);
    assert.ok(world.inFlight.some((e) => e.from === ctx.coordinator), "it proposed the client's txn");
    world = take(world, ctx, isDeliverTo(0, "PrePrepare"));
    world = take(world, ctx, (a) => a.kind === "silence");
    assert.equal(world.silenced, true);
    assert.equal(world.timers[ctx.coordinator], 0);
    assert.ok(!enabledActions(world, ctx).some((a) => a.kind === "silence"), "once");
    // Its pre-prepares already on the way still arrive; nothing reaches it any more.
    assert.ok(world.inFlight.some((e) => e.from === ctx.coordinator));
    assert.ok(world.inFlight.every((e) => e.to !== ctx.coordinator));
    const before = world.nodes[ctx.coordinator];
    for (let i = 0; i < 6; i++) world = take(world, ctx, (a) => a.kind === "deliver");
    assert.equal(world.nodes[ctx.coordinator], before);
    assert.ok(world.inFlight.every((e) => e.to !== ctx.coordinator));
  });

  it("offers no silence move unless the coordinator is silent", () => {
    const ctx = context({ budgets: { loss: 0, dup: 0, timeouts: 0 } });
    assert.ok(!enabledActions(initialWorld(ctx), ctx).some((a) => a.kind === "silence"));
  });
});
