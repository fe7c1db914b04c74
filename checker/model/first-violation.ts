/** The safety invariants (spec/invariants) judged on a world, through its global view. */
import { safetyInvariants } from "../../spec/invariants/index.js";
import type { CheckContext } from "./context.js";
import { globalView } from "./global-view-adapter.js";
import type { World } from "./world.js";

/** The first violated safety invariant of `world`, or null. */
export function firstViolation(world: World, ctx: CheckContext): { invariant: string; message: string } | null {
  const view = globalView(world, ctx);
  for (const inv of safetyInvariants) {
    const message = inv.check(view);
    if (message !== null) return { invariant: inv.name, message };
  }
  return null;
}
