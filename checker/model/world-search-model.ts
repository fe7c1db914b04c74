/**
 * byzcommit as a plain SearchModel (engine/search-model.ts): the world's actions,
 * `apply` for successors and transition checks, the world's fingerprint, and the
 * safety invariants of spec/invariants through the global view. The checker's BFS
 * uses the faster expansion of state-expander.ts; this plain form is the reference
 * it is tested against (same states, same verdicts), and what the engine's other
 * explorers (random walks) can run on directly.
 */
import { safetyInvariants } from "../../spec/invariants/index.js";
import type { SearchModel } from "../engine/search-model.js";
import { enabledActions, type Action } from "./actions.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import { WorldFingerprinter } from "./fingerprint.js";
import { globalView } from "./global-view-adapter.js";
import { initialWorld } from "./initial-world.js";
import type { World } from "./world.js";

/** `fingerprinter` may be shared by the models of one config (random mode builds a model per run). */
export function worldSearchModel(ctx: CheckContext, fingerprinter = new WorldFingerprinter(ctx)):
  SearchModel<World, Action> {
  return {
    initial: () => initialWorld(ctx),
    actions: (world) => enabledActions(world, ctx),
    successor: (world, action) => apply(world, action, ctx).world,
    // Deliveries are memoized per (node state, message) in the context, so judging the step again is cheap.
    transitionCheck: (world, action) => {
      const violation = apply(world, action, ctx).violation;
      return violation === null ? null : { invariant: violation.invariant, message: violation.message };
    },
    fingerprint: (world, out) => fingerprinter.fingerprint(world, out),
    invariants: safetyInvariants.map((inv) => ({
      name: inv.name, check: (world: World) => inv.check(globalView(world, ctx)),
    })),
  };
}
