/**
 * byzcommit as the engine's random, coverage and replay loops run it: the plain
 * SearchModel of world-search-model.ts plus a judged step (checked-step.ts: a
 * core assertion is the finding "core-assertion", not a crash), the sometimes
 * properties, and the action codec of trace files (action-codec.ts). The
 * global view is built once per world judged, not once per property.
 */
import { safetyInvariants, sometimesProperties } from "../../spec/invariants/index.js";
import type { GlobalView, Invariant } from "../../spec/global-view.js";
import type { ActionRecord } from "../../spec/trace.js";
import type { StatePredicate } from "../engine/search-model.js";
import type { TraceModel } from "../engine/trace-container.js";
import { describeAction, matchAction } from "./action-codec.js";
import { enabledActions, type Action } from "./actions.js";
import { apply } from "./apply.js";
import { stepChecked } from "./checked-step.js";
import type { CheckContext } from "./context.js";
import { WorldFingerprinter } from "./fingerprint.js";
import { globalView } from "./global-view-adapter.js";
import { initialWorld } from "./initial-world.js";
import type { World } from "./world.js";

export type WorldRunModel = TraceModel<World, Action, ActionRecord>;

/** `fingerprinter` may be shared by the models of one config (random mode builds a model per run). */
export function worldRunModel(ctx: CheckContext, fingerprinter = new WorldFingerprinter(ctx)): WorldRunModel {
  // The view of the last world judged: the properties of one world share it (this model's own cache).
  let viewed: { world: World; view: GlobalView } | null = null;
  const viewOf = (world: World): GlobalView => {
    if (viewed?.world !== world) viewed = { world, view: globalView(world, ctx) };
    return viewed.view;
  };
  const predicate = (inv: Invariant): StatePredicate<World> => ({ name: inv.name, check: (w) => inv.check(viewOf(w)) });
  return {
    initial: () => initialWorld(ctx),
    actions: (world) => enabledActions(world, ctx),
    successor: (world, action) => apply(world, action, ctx).world,
    transitionCheck: (world, action) => {
      const violation = apply(world, action, ctx).violation;
      return violation === null ? null : { invariant: violation.invariant, message: violation.message };
    },
    step: (world, action) => {
      const next = stepChecked(world, action, ctx);
      return { state: next.world, verdict: next.violation, ...(next.selfLoop === true ? { selfLoop: true } : {}) };
    },
    fingerprint: (world, out) => fingerprinter.fingerprint(world, out),
    invariants: safetyInvariants.map(predicate),
    sometimes: sometimesProperties.map(predicate),
    codec: {
      encode: describeAction,
      decode: (world, record) => matchAction(world, ctx, record)?.action ?? null,
    },
  };
}
