/**
 * Whether a script's Byzantine move is one the checker's adversary could make: the
 * same action among those the checker enumerates in that world (actions.ts), self-loops
 * included. A move it cannot make is an alphabet gap: a script exercises something the
 * checker never explores.
 */
import { canonicalJson } from "../../spec/canonical.js";
import { forEachAction, type Action } from "../../checker/model/actions.js";
import type { CheckContext } from "../../checker/model/context.js";
import type { World } from "../../checker/model/world.js";

type Move = Extract<Action, { kind: "byzantine" | "forge" }>;

export function expressible(world: World, ctx: CheckContext, move: Move): boolean {
  const wanted = canonicalJson(move.message);
  let found = false;
  forEachAction(world, ctx, (a) => {
    if (a.kind !== move.kind || a.from !== move.from || a.to !== move.to) return true;
    if (a.kind === "forge" && move.kind === "forge" && a.signer !== move.signer) return true;
    found = canonicalJson(a.message) === wanted;
    return !found;
  }, true);
  return found;
}
