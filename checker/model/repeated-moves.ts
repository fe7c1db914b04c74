/**
 * Repeated moves: of one list of Byzantine moves to one target node state, a move whose
 * delivery changes the world exactly as an earlier tried move of the same list does.
 *
 * Why the BFS expander need not try it (adversary-effective.ts: `inPlace`): a Byzantine
 * move's delta is the target's routed steps and nothing else (transition.ts: `deliver`,
 * `equivocate`), so two moves with equal routed steps, tried from one world, give one
 * successor, and one fingerprint (successor-fingerprint.ts: `after` reads only those
 * steps' states, sends, leaks, timers and persistence). The earlier one was tried first
 * and added to the visited set (or it stopped the search), so the later one finds its
 * successor known: it is counted as a tried transition and nothing else happens. The
 * corruptions (adversary-corruptions.ts) make this common: hundreds of corrupted
 * composites that the target rejects the same way, proving their sender once.
 *
 * The same holds across lists: the expander carries one RepeatedMoves per target through every list of moves to it
 * from one world (adversary-effective.ts: MoveChain), as the alphabet's sends and the corrupted composites often
 * change the target alike.
 *
 * Equal means equal as values the world is built from: the same (hash-consed) state
 * object, the same timer operations and persistence, the same effect, and the same
 * envelopes sent and leaked, by interned message. Anything less is not a repeat, and is
 * tried as before.
 */
import type { NodeState } from "../../impl/core/types.js";
import type { RoutedStep } from "./routed-step.js";
import type { Envelope } from "./world.js";

export class RepeatedMoves {
  /** The tried moves' steps, by the state the move leaves the target in. */
  private readonly tried = new Map<NodeState, (readonly RoutedStep[])[]>();

  /** A copy that goes on remembering apart from this one. */
  copy(): RepeatedMoves {
    const copied = new RepeatedMoves();
    for (const [state, group] of this.tried) copied.tried.set(state, group.slice());
    return copied;
  }

  /**
   * Whether `steps` (a tried move's routed steps in delivery order, none failing a check) change the world as a
   * move given here before did; if not, they are remembered for the moves after.
   */
  repeats(steps: readonly RoutedStep[]): boolean {
    const last = (steps[steps.length - 1] as RoutedStep).state;
    const group = this.tried.get(last);
    if (group === undefined) {
      this.tried.set(last, [steps]);
      return false;
    }
    if (group.some((earlier) => sameSteps(earlier, steps))) return true;
    group.push(steps);
    return false;
  }
}

function sameSteps(a: readonly RoutedStep[], b: readonly RoutedStep[]): boolean {
  return a.length === b.length && a.every((step, i) => sameStep(step, b[i] as RoutedStep));
}

function sameStep(a: RoutedStep, b: RoutedStep): boolean {
  return a === b || (a.state === b.state && a.timersSet === b.timersSet && a.timersCleared === b.timersCleared &&
    a.persists === b.persists && a.effect === b.effect && a.violation === null && b.violation === null &&
    sameEnvelopes(a.sends, b.sends) && sameEnvelopes(a.knows, b.knows));
}

function sameEnvelopes(a: readonly Envelope[], b: readonly Envelope[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Envelope;
    const y = b[i] as Envelope;
    if (x.message !== y.message || x.from !== y.from || x.to !== y.to) return false;
  }
  return true;
}
