/**
 * Delta debugging by complements (Zeller and Hildebrandt's ddmin, the removal
 * half): try removing chunks of the eligible items, halving the chunk size down
 * to one, and stop only when no single eligible item can be removed. The result
 * is 1-minimal in the eligible items for whatever `accept` keeps.
 */

/**
 * `accept` judges a candidate: null to reject it, or the list to continue from,
 * which may be shorter than the candidate (a replay may drop steps that were no
 * longer enabled) but never longer.
 */
export type Accept<T> = (candidate: readonly T[]) => readonly T[] | null;

export function removeChunks<T>(items: readonly T[], eligible: (item: T) => boolean, accept: Accept<T>): readonly T[] {
  let current = items;
  let chunk = Math.max(1, Math.floor(eligibleIndices(current, eligible).length / 2));
  for (;;) {
    let indices = eligibleIndices(current, eligible);
    if (indices.length === 0) return current;
    chunk = Math.min(chunk, indices.length);
    let removedAny = false;
    for (let start = 0; start < indices.length;) {
      const drop = new Set(indices.slice(start, start + chunk));
      const kept = accept(current.filter((_, i) => !drop.has(i)));
      if (kept === null) { start += chunk; continue; }
      // The items at `start` are now new ones: look at them with the same chunk size.
      current = kept;
      indices = eligibleIndices(current, eligible);
      removedAny = true;
    }
    if (chunk === 1 && !removedAny) return current;
    if (!removedAny) chunk = Math.ceil(chunk / 2);
  }
}

function eligibleIndices<T>(items: readonly T[], eligible: (item: T) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) if (eligible(items[i] as T)) out.push(i);
  return out;
}
