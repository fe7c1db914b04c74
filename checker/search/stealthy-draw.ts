/**
 * How a swarm excursion (explore-coverage.ts) draws a Byzantine move once its message
 * kind is drawn: as an adversary that means to stay in the game. A move its target
 * ignores without a word (a self-loop) or one that makes its target prove the sender
 * faulty is put back, and another move of the same kind is drawn, within a budget of
 * redraws; when none is left, the last drawn move is taken. Nothing is taken from the
 * alphabet: a move that convicts its sender still happens when the budget runs out and
 * in every plain excursion and BFS; only the odds move.
 *
 * Why: under the schema-derived alphabet a kind holds dozens of moves, and most of them
 * get the sender proven at once (a NEW-VIEW that does not follow from its VIEW-CHANGEs,
 * a PRE-PREPARE that contradicts the NEW-VIEW); a proven sender is ignored from then on,
 * so the excursion's Byzantine node is spent. A drawn kind then ends, most of the time,
 * in the one accepted move of that kind: a sound NEW-VIEW from a Byzantine leader, then
 * a PRE-PREPARE in its view, which is where a core that trusts a leader too much breaks.
 */
import { hasNode } from "../../impl/core/quorum.js";
import type { Action } from "../model/actions.js";
import type { CheckedStep } from "../model/checked-step.js";
import type { World } from "../model/world.js";
import type { RedrawBudget } from "../engine/coverage-search.js";
import { below, type Rng } from "../engine/prng.js";

export type { RedrawBudget };

export interface Drawn {
  readonly action: Action;
  readonly next: CheckedStep;
}

/** Whether `next` made the target of a Byzantine move prove its sender faulty (a proof it did not hold before). */
export function convictsSender(before: World, action: Action, next: CheckedStep): boolean {
  const byzantine = action.kind === "byzantine" || action.kind === "equivocate" || action.kind === "forge" ||
    action.kind === "replay";
  if (!byzantine) return false;
  const was = before.nodes[action.to];
  const now = next.world.nodes[action.to];
  if (was === undefined || now === undefined) return false;
  return !hasNode(was.proven, action.from) && hasNode(now.proven, action.from);
}

/**
 * Draws from `group` (one Byzantine kind's moves) without replacement until a move is neither ignored nor
 * convicting, or the budget is spent; a violation ends the draw at once (it is what the search is for).
 */
export function drawStealthy(rng: Rng, world: World, group: readonly Action[], budget: RedrawBudget,
  step: (action: Action) => CheckedStep): Drawn {
  const left = [...group];
  for (;;) {
    const i = below(rng, left.length);
    const action = left[i] as Action;
    const next = step(action);
    const spent = next.violation === null && (next.selfLoop === true || convictsSender(world, action, next));
    if (!spent || left.length === 1 || budget.left <= 0) return { action, next };
    budget.left--;
    left.splice(i, 1);
  }
}
