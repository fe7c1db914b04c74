/**
 * A walk to a Byzantine leader's view (n = 4, P0 Byzantine, honest coordinator, t1 commit and t2 abort,
 * one timeout): P1 gets t1's PRE-PREPARE and fires its view-change timer; P0's VIEW-CHANGE and P1's make P2
 * join (PBFT's f+1 rule); P0 sends P2 the one NEW-VIEW for view 1 that follows from the three VIEW-CHANGEs.
 * Each step is the first enabled action that matches, so the walk is the same on every run.
 */
import type { Action } from "../../checker/model/actions.js";
import { enabledActions } from "../../checker/model/actions.js";
import { makeCheckConfig } from "../../checker/model/check-config.js";
import { stepChecked } from "../../checker/model/checked-step.js";
import { makeContext, type CheckContext } from "../../checker/model/context.js";
import { initialWorld } from "../../checker/model/initial-world.js";
import type { World } from "../../checker/model/world.js";
import { asNodeId } from "../../spec/ids.js";

export function byzantineLeaderContext(): CheckContext {
  const made = makeCheckConfig({ byzantine: [asNodeId(0)], flags: ["commit", "abort"],
    budgets: { loss: 0, dup: 0, timeouts: 1 } });
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

const body = (a: Action) =>
  (a.kind === "deliver" ? a.envelope.message.body : a.kind === "byzantine" ? a.message : null);

/** The walk's steps, each a predicate on the enabled actions. */
const walk: readonly ((a: Action) => boolean)[] = [
  (a) => a.kind === "deliver" && a.envelope.to === 1 && body(a)?.kind === "PrePrepare",
  (a) => a.kind === "fire" && a.node === 1 && a.timer === "view-change",
  (a) => a.kind === "byzantine" && a.to === 2 && a.message.kind === "ViewChange" && a.message.view === 1,
  (a) => a.kind === "deliver" && a.envelope.from === 1 && a.envelope.to === 2 && body(a)?.kind === "ViewChange",
  (a) => a.kind === "byzantine" && a.to === 2 && a.message.kind === "NewView" && a.message.view === 1 &&
    a.message.viewChanges.length === 3 && a.message.prePrepares.length === 1,
];

/** The worlds of the walk, from the initial one to P2 in view 1 with P0's NEW-VIEW installed (steps + 1 worlds). */
export function walkToByzantineLeader(ctx: CheckContext, steps = walk.length): World[] {
  const worlds = [initialWorld(ctx)];
  for (const matches of walk.slice(0, steps)) {
    const world = worlds[worlds.length - 1] as World;
    const action = enabledActions(world, ctx).find(matches);
    if (action === undefined) throw new Error(`walk: no enabled action for step ${worlds.length}`);
    const next = stepChecked(world, action, ctx);
    if (next.violation !== null) throw new Error(`walk: ${next.violation.invariant} at step ${worlds.length}`);
    worlds.push(next.world);
  }
  return worlds;
}
