import { always } from "../global-view.js";

/** I4: honest replicas that have executed through the same slot hold equal data. */
export const consistency = always("I4", "consistency", (g) => {
  const atSeq = new Map<number, { key: string; by: number }>();
  for (const p of g.participants) {
    const seen = atSeq.get(p.lastExecuted);
    if (seen === undefined) atSeq.set(p.lastExecuted, { key: p.replicaKey, by: p.id });
    else if (seen.key !== p.replicaKey)
      return `P${seen.by} and P${p.id} executed through seq ${p.lastExecuted} but hold different data`;
  }
  return null;
});
