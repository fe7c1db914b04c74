/**
 * How a random choice picks one enabled action: class first (deliver, fire a timer, a
 * network fault, a Byzantine move), for a Byzantine move then its message kind, then an
 * action of that group. The schema-derived alphabet makes nine in ten enabled actions
 * Byzantine moves; drawn uniformly, a run of 60 choices would deliver a handful of
 * messages and never reach a quorum. Every enabled action stays reachable: only the odds
 * change, never what the adversary may do.
 *
 * Random mode (random-run.ts) maps fast-check's integer choices through `drawIndex`, so
 * choice 0 is still the first delivery (what a shrunk choice and the healed phase do);
 * coverage excursions (explore-coverage.ts) draw the same groups with their PRNG.
 */
import type { Action } from "./actions.js";

/** The classes an action is drawn in first: deliver, fire a timer, a network fault, a Byzantine move. */
export const classCount = 4;
export const byzantineClass = 3;

export function classOf(a: Action): number {
  switch (a.kind) {
    case "deliver": return 0;
    case "fire": return 1;
    case "byzantine":
    case "equivocate":
    case "forge":
    case "replay": return byzantineClass;
    default: return 2;
  }
}

/**
 * Within the Byzantine class, the message kind: a move that completes a quorum (a
 * vote) or installs a view (a NEW-VIEW) is then as likely as one of the many
 * replays, instead of one in a hundred.
 */
export const byzantineKind = (a: Action): string => (a.kind === "byzantine" ? a.message.kind : a.kind);

/** The groups of `enabled` (indices into it, in its order): one per class, Byzantine moves one per kind. */
function groupsOf(enabled: readonly Action[]): number[][][] {
  const classes: Map<string, number[]>[] = Array.from({ length: classCount }, () => new Map());
  enabled.forEach((a, i) => {
    const c = classOf(a);
    const key = c === byzantineClass ? byzantineKind(a) : "";
    const groups = classes[c] as Map<string, number[]>;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  });
  return classes.filter((c) => c.size > 0).map((c) => [...c.values()]);
}

/** The index into `enabled` that `choice` picks: class, then group, then member, each by the choice's digits. */
export function drawIndex(enabled: readonly Action[], choice: number): number {
  const classes = groupsOf(enabled);
  let rest = choice;
  const groups = classes[rest % classes.length] as number[][];
  rest = Math.floor(rest / classes.length);
  const members = groups[rest % groups.length] as number[];
  rest = Math.floor(rest / groups.length);
  return members[rest % members.length] as number;
}
