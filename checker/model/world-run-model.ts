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
import type { Action } from "./actions.js";
import { stepChecked } from "./checked-step.js";
import type { CheckContext } from "./context.js";
import { WorldFingerprinter } from "./fingerprint.js";
import { globalView } from "./global-view-adapter.js";
import type { World } from "./world.js";
import { worldSearchModel } from "./world-search-model.js";

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
    // The plain model's initial world, actions, successors, transition checks and fingerprint; the judging below
    // shares one global view per world and steps through stepChecked (a core assertion is a verdict).
    ...worldSearchModel(ctx, fingerprinter),
    step: (world, action) => {
      const next = stepChecked(world, action, ctx);
      return { state: next.world, verdict: next.violation, ...(next.selfLoop === true ? { selfLoop: true } : {}) };
    },
    invariants: safetyInvariants.map(predicate),
    sometimes: sometimesProperties.map(predicate),
    codec: {
      encode: describeAction,
      decode: (world, record) => matchAction(world, ctx, record)?.action ?? null,
    },
  };
}
