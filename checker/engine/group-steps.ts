/**
 * A shrinking pass for readability: fewer switches between groups (byzcommit's
 * nodes). A step is moved next to the nearest earlier step of its group (or
 * that one moved up to it) when the sequence is still accepted; a person then
 * reads one group's steps together. Every accepted move lowers (length,
 * switches), so the pass ends.
 */
import type { Accept } from "./delta-debug.js";

/** The group of a step, or null for a step that belongs to none (it never counts as a switch). */
export type GroupOf<T> = (item: T) => string | number | null;

/** How often consecutive grouped steps change group (steps without a group are passed over). */
export function groupSwitches<T>(items: readonly T[], groupOf: GroupOf<T>): number {
  let switches = 0;
  let last: string | number | null = null;
  for (const item of items) {
    const group = groupOf(item);
    if (group === null) continue;
    if (last !== null && group !== last) switches++;
    last = group;
  }
  return switches;
}

export function groupSteps<T>(items: readonly T[], groupOf: GroupOf<T>, accept: Accept<T>): readonly T[] {
  let current = items;
  for (let improved = true; improved;) {
    improved = false;
    for (let i = 1; i < current.length && !improved; i++) {
      const better = improveAt(current, i, groupOf, accept);
      if (better !== null) { current = better; improved = true; }
    }
  }
  return current;
}

/** Tries to bring step i next to its group's previous step; the improved list, or null. */
function improveAt<T>(current: readonly T[], i: number, groupOf: GroupOf<T>, accept: Accept<T>): readonly T[] | null {
  const group = groupOf(current[i] as T);
  if (group === null) return null;
  let j = i - 1;
  while (j >= 0 && groupOf(current[j] as T) !== group) j--;
  if (j < 0 || j === i - 1) return null;
  const switches = groupSwitches(current, groupOf);
  for (const candidate of [move(current, i, j + 1), move(current, j, i - 1)]) {
    if (groupSwitches(candidate, groupOf) >= switches) continue;
    const kept = accept(candidate);
    if (kept !== null && (kept.length < current.length || groupSwitches(kept, groupOf) < switches)) return kept;
  }
  return null;
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
