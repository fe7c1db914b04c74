/**
 * The healed phase's complainer (checker/model/adversary-complain.ts): a Byzantine
 * participant that asks for view v+1 whenever an honest participant has installed
 * view v. Harmless against PBFT's f+1 rule; with the single-complaint-view-change
 * mutant (imported from its patched build) it keeps the views changing and nothing is decided.
 */
import assert from "node:assert/strict";
import { describeAction } from "../../../checker/model/action-codec.js";
import type { Action } from "../../../checker/model/actions.js";
import { Complainer, complainers } from "../../../checker/model/adversary-complain.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { finishRun, runOptionsFor } from "../../../checker/search/random-run.js";
import { undecided } from "../../../checker/model/liveness.js";
import type { World } from "../../../checker/model/world.js";
import type { ParticipantState } from "../../../impl/core/participant-state.js";
import { checkerModules, PatchedBuilds, type CheckerModules } from "../../support/patched-builds.js";
import { asNodeId, asView } from "../../../spec/ids.js";
import type { View } from "../../../spec/ids.js";

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

/** `world` with participant `id` moved to `view`, installed (status normal). */
function installed(world: World, id: number, view: View): World {
  const nodes = world.nodes.slice();
  nodes[id] = { ...(nodes[id] as ParticipantState), view: asView(view), status: "normal" };
  return { ...world, nodes };
}

/** (from, to, view asked for) of each complaint. */
const complaintsOf = (actions: readonly Action[]): string[] => actions.flatMap((a) =>
  a.kind === "byzantine" && a.message.kind === "ViewChange" ? [`P${a.from}->P${a.to} v${a.message.view}`] : []);

describe("complainer (checker/model/adversary-complain.ts)", () => {
  it("asks every honest participant for view v+1, once per installed view", () => {
    const ctx = context({});
    const complainer = new Complainer(ctx);
    const start = initialWorld(ctx);
    assert.deepEqual(complaintsOf(complainer.due(start)), ["P3->P0 v1", "P3->P1 v1", "P3->P2 v1"]);
    assert.deepEqual(complainer.due(start), [], "view 0 was complained about already");
    const later = installed(start, 1, asView(2));
    assert.deepEqual(complaintsOf(complainer.due(later)), ["P3->P0 v3", "P3->P1 v3", "P3->P2 v3"]);
    assert.deepEqual(complainer.due(later), []);
  });

  it("sends the alphabet's view-1 shape: no checkpoint, no certificates, no requests", () => {
    const ctx = context({});
    const [first] = new Complainer(ctx).due(installed(initialWorld(ctx), 0, asView(4)));
    assert.deepEqual(first?.kind === "byzantine" ? first.message : null,
      { kind: "ViewChange", view: 1, stableSeq: 0, checkpointProof: [], prepared: [], pending: [] });
  });

  it("skips a participant mid-view-change: only an installed view is complained about", () => {
    const ctx = context({});
    const world = initialWorld(ctx);
    const nodes = world.nodes.map((n) =>
      (n.role === "participant" ? { ...n, view: asView(1), status: "view-change" as const } : n));
    assert.deepEqual(new Complainer(ctx).due({ ...world, nodes }), []);
  });

  it("complains only for strategies whose alphabet changes views", () => {
    assert.deepEqual(complainers(context({ strategy: "all" })), [3]);
    assert.deepEqual(complainers(context({ strategy: "stale-view" })), [3]);
    assert.deepEqual(complainers(context({ strategy: "equivocate" })), []);
    assert.deepEqual(complainers(context({ strategy: "silent" })), []);
  });

  it("is deterministic: the same start gives the same healed phase", () => {
    const ctx = context({});
    const options = runOptionsFor(ctx, "on");
    const once = finishRun(initialWorld(ctx), ctx, options).healed.map(describeAction);
    const again = finishRun(initialWorld(makeContext(ctx.config)), makeContext(ctx.config), options)
      .healed.map(describeAction);
    assert.ok(once.length > 0, "the healed phase has steps");
    assert.deepEqual(again, once);
  });
});

describe("healed phase with a complainer", () => {
  const builds = new PatchedBuilds();
  let real: CheckerModules;
  let mutated: CheckerModules;
  before(async () => {
    real = await checkerModules();
    mutated = await builds.modules("single-complaint-view-change");
  });
  /** The checker of the build the context's config belongs to. */
  const api = (ctx: CheckContext): CheckerModules => (ctx.config.mutant === null ? real : mutated);
  after(() => builds.dispose());

  for (const coordinator of ["honest", "byzantine"] as const) {
    /** A context of the real core, or of the patched build that follows a single complaint. */
    const fresh = (mutant: "single-complaint-view-change" | null): CheckContext => {
      if (mutant === null) return context({ coordinator });
      const made = makeCheckConfig({ coordinator, mutant });
      if (!made.ok) throw new Error(made.error);
      return mutated.context.makeContext(made.config);
    };
    const finish = (world: World, ctx: CheckContext) =>
      api(ctx).randomRun.finishRun(world, ctx, api(ctx).randomRun.runOptionsFor(ctx, "on"));
    /** A txn undecided at the start: the coordinator's pre-prepare is in flight, or (Byzantine) P0 holds it. */
    const start = (ctx: CheckContext): World => {
      const world = api(ctx).initialWorld.initialWorld(ctx);
      if (ctx.coordinatorStepped) return world;
      const request = ctx.requests[0];
      assert.ok(request !== undefined);
      const prePrepare = ctx.alphabet.get(ctx.coordinator)
        ?.find((m) => m.kind === "PrePrepare" && m.proposal?.request === request);
      assert.ok(prePrepare !== undefined);
      const action = { kind: "byzantine", from: ctx.coordinator, to: asNodeId(0), message: prePrepare } as const;
      return api(ctx).apply.apply(world, action, ctx).world;
    };

    // Before I10 the views churned until the healed phase's bound (a liveness violation); I10d's transition half
    // now stops the run at the first view change that one complaint started (spec/transitions/justified-join.ts).
    it(`${coordinator} coordinator: the mutant's first view change on one complaint breaks I10d`, () => {
      const ctx = fresh("single-complaint-view-change");
      const world = start(ctx);
      assert.deepEqual(undecided(world, ctx).map((u) => u.txn), ["t1"]);
      const end = finish(world, ctx);
      assert.equal(end.violation?.invariant, "justified views", end.violation?.message);
      assert.match(end.violation?.message ?? "", /to a view change for 1 on a ViewChange without f\+1 VIEW-CHANGEs/);
    });

    it(`${coordinator} coordinator: without the mutant one complainer is harmless and t1 is decided`, () => {
      const ctx = fresh(null);
      const world = start(ctx);
      assert.deepEqual(undecided(world, ctx).map((u) => u.txn), ["t1"]);
      const end = finish(world, ctx);
      assert.equal(end.violation, null, end.violation?.message);
      assert.deepEqual(undecided(end.world, ctx), []);
      assert.ok(complaintsOf(end.healed).length > 0, "the complainer did complain");
    });
  }
});
