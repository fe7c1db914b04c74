/**
 * What a clean verdict says was judged, named from the invariant table itself
 * (spec/invariants: the state invariants and the delivery-step and restart properties), so the
 * summary line cannot fall behind when an invariant joins: "I1-I10" today, I10 being
 * the justification invariants (I10a-I10f).
 */
import { deliveryProperties, restartProperties } from "../../spec/invariants/transitions.js";
import { safetyInvariants } from "../../spec/invariants/index.js";

/** "I1-In" when every number 1..n has an invariant, else the numbers listed ("I1, I2, I4"). */
export function judgedInvariants(): string {
  const numbers = new Set<number>();
  for (const p of [...safetyInvariants, ...deliveryProperties, ...restartProperties]) {
    const m = /^I(\d+)/.exec(p.id);
    if (m !== null) numbers.add(Number(m[1]));
  }
  const sorted = [...numbers].sort((a, b) => a - b);
  const top = sorted[sorted.length - 1] ?? 0;
  if (sorted.length === top && top > 1) return `I1-I${top}`;
  return sorted.map((n) => `I${n}`).join(", ");
}
