/**
 * I6 for NEW-VIEWs (checker/transition-checks.ts): a participant that installs a
 * NEW-VIEW whose pre-prepares do not follow from its VIEW-CHANGEs has ignored proof
 * against the leader. Driven by hand: the Byzantine leader of view 1 (P0) builds a
 * NEW-VIEW from the two honest VIEW-CHANGEs and its own, and nulls the seq of t1.
 */
import assert from "node:assert/strict";
import { enabledActions, type Action } from "../../checker/actions.js";
import { makeCheckConfig, type CheckConfig } from "../../checker/check-config.js";
import { stepChecked } from "../../checker/checked-step.js";
import { makeContext, type CheckContext } from "../../checker/context.js";
import { initialWorld } from "../../checker/initial-world.js";
import type { World } from "../../checker/world.js";
import type { Mutant } from "../../impl/core/mutants.js";
import { hasNode } from "../../impl/core/quorum.js";

function config(mutant: Mutant | null): CheckConfig {
  const made = makeCheckConfig({ byzantine: [0], budgets: { loss: 0, dup: 0, timeouts: 2 }, mutant });
  if (!made.ok) throw new Error(made.error);
  return made.config;
}

/** Applies the first enabled action `pick` accepts; fails the test when none is enabled. */
function act(ctx: CheckContext, world: World, what: string, pick: (a: Action) => boolean) {
  const action = enabledActions(world, ctx).find(pick);
  assert.ok(action !== undefined, `no enabled action: ${what}`);
  return stepChecked(world, action, ctx);
}

const coordinator = 4;
const prePrepareTo = (to: number) => (a: Action): boolean =>
  a.kind === "deliver" && a.envelope.from === coordinator && a.envelope.to === to && a.envelope.message.body.kind === "PrePrepare";
const fire = (node: number) => (a: Action): boolean => a.kind === "fire" && a.node === node && a.timer === "view-change";
const nullingNewViewTo = (to: number) => (a: Action): boolean =>
  a.kind === "byzantine" && a.from === 0 && a.to === to && a.message.kind === "NewView" && a.message.prePrepares.some((pp) => pp.proposal === null);

/** P2 and P3 accept t1's pre-prepare and time out; their VIEW-CHANGEs reach P0, which sends P1 a NEW-VIEW nulling seq 1. */
function scenario(mutant: Mutant | null) {
  const ctx = makeContext(config(mutant));
  let world = initialWorld(ctx);
  for (const [what, pick] of [["pre-prepare to P3", prePrepareTo(3)], ["P3 times out", fire(3)], ["pre-prepare to P2", prePrepareTo(2)], ["P2 times out", fire(2)]] as const) {
    const step = act(ctx, world, what, pick);
    assert.equal(step.violation, null, what);
    world = step.world;
  }
  // The leader's own moves for view 1 are in its fixed alphabet (null pre-prepares included); the enumeration offers
  // them once a receiver is in view 1 (before, they are self-loops, adversary-effective.ts).
  const leaderMoves = (ctx.alphabet.get(0) ?? []).filter((m) => "view" in m && m.kind !== "NewView" && m.view === 1);
  assert.ok(leaderMoves.some((m) => m.kind === "PrePrepare" && m.proposal === null));
  assert.ok(leaderMoves.some((m) => m.kind === "Prepare"));
  assert.ok(leaderMoves.some((m) => m.kind === "Commit"));
  return { ctx, step: act(ctx, world, "P0's nulling NEW-VIEW to P1", nullingNewViewTo(1)) };
}

describe("I6 for an installed NEW-VIEW", () => {
  it("the unmutated receiver rejects a NEW-VIEW that nulls t1 and holds proof against its leader", () => {
    const { step } = scenario(null);
    assert.equal(step.violation, null);
    const p1 = step.world.nodes[1];
    assert.ok(p1 !== undefined && p1.role === "participant");
    assert.ok(hasNode(p1.proven, 0), "P1 proves P0");
    assert.equal(p1.newView, null, "nothing installed");
  });

  it("with new-view-unchecked the receiver installs it, and I6 reports the proof it ignored", () => {
    const { step } = scenario("new-view-unchecked");
    assert.equal(step.violation?.invariant, "detection-completeness");
    assert.match(step.violation?.message ?? "", /node 1 installed a NEW-VIEW for view 1 from 0 whose pre-prepares do not follow/);
  });
});
