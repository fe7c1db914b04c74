/**
 * I10f honest replicas ignore or convict invalid input: when a delivered message fails
 * the spec's validity predicate (input-validity.ts), the receiver's protocol state is
 * unchanged — apart from the evidence it records. If it convicts (proves) someone, its
 * deposing a proven leader may start a view change, so then only this much must hold:
 * the invalid message itself is retained nowhere, and its window, execution and waiting
 * list did not move on it.
 */
import type { HeldParticipant, Judge } from "../held-state.js";
import type { Message, Signed } from "../messages.js";
import { leaderOfView } from "../invariants/leader-authority.js";
import { inputProblem } from "./input-validity.js";

type Field = "view" | "status" | "lowWatermark" | "lastExecuted" | "slots" | "prepared" | "stableProof" |
  "viewChanges" | "newView" | "pending";
const protocolFields: readonly Field[] = [
  "view", "status", "lowWatermark", "lastExecuted", "slots", "prepared", "stableProof", "viewChanges", "newView",
  "pending",
];
const kept: readonly Field[] = ["lowWatermark", "lastExecuted", "stableProof", "pending"];

function changed(
  before: HeldParticipant, after: HeldParticipant, fields: readonly Field[], judge: Judge,
): Field | null {
  for (const f of fields) {
    const a = before[f];
    const b = after[f];
    if (a !== b && (typeof a !== "object" || judge.digest(a) !== judge.digest(b))) return f;
  }
  return null;
}

function retains(after: HeldParticipant, m: Signed<Message>): boolean {
  const inLog = after.slots.some((s) =>
    s.prePrepare === m || s.prepares.includes(m as never) || s.commits.includes(m as never));
  return inLog || after.viewChanges.includes(m as never) || after.stableProof.includes(m as never);
}

export function invalidInputProblem(
  before: HeldParticipant, after: HeldParticipant, m: Signed<Message>, judge: Judge,
): string | null {
  if (before === after) return null;
  const problem = inputProblem(m, judge);
  if (problem === null) return null;
  // A node that already holds proof against its view's leader deposes it on whatever step comes next (one view a
  // step, so past two proven leaders in a row it moves on a later input): that move is justified by the proof.
  const leaderProven = (before.proven & (1 << leaderOfView(before.view, judge.config.participantCount))) !== 0;
  const convicted = after.proven !== before.proven || (leaderProven && after.view > before.view);
  const field = changed(before, after, convicted ? kept : protocolFields, judge);
  if (field !== null) return `P${after.id} changed its ${field} on ${problem}`;
  if (convicted && retains(after, m)) return `P${after.id} kept ${problem}`;
  return null;
}
