/**
 * The last shrinking pass: fewer switches between nodes. A step is moved next to
 * the nearest earlier step on the same node (or that one moved up to it) when the
 * run still violates the same invariant; a person then reads one node's steps
 * together. Every accepted move lowers (length, switches), so the pass ends.
 */
import type { ActionRecord } from "../../spec/trace.js";
import { actionNode, nodeSwitches } from "../model/action-class.js";
import type { Accept } from "../engine/delta-debug.js";

export function groupByNode(items: readonly ActionRecord[], accept: Accept<ActionRecord>): readonly ActionRecord[] {
  let current = items;
  for (let improved = true; improved;) {
    improved = false;
    for (let i = 1; i < current.length && !improved; i++) {
      const better = improveAt(current, i, accept);
      if (better !== null) { current = better; improved = true; }
    }
  }
  return current;
}

/** Tries to bring step i next to its node's previous step; the improved list, or null. */
function improveAt(current: readonly ActionRecord[], i: number, accept: Accept<ActionRecord>): readonly ActionRecord[] | null {
  const node = actionNode(current[i] as ActionRecord);
  if (node === null) return null;
  let j = i - 1;
  while (j >= 0 && actionNode(current[j] as ActionRecord) !== node) j--;
  if (j < 0 || j === i - 1) return null;
  const switches = nodeSwitches(current);
  for (const candidate of [move(current, i, j + 1), move(current, j, i - 1)]) {
    if (nodeSwitches(candidate) >= switches) continue;
    const kept = accept(candidate);
    if (kept !== null && (kept.length < current.length || nodeSwitches(kept) < switches)) return kept;
  }
  return null;
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
