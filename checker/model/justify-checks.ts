/**
 * The transition half of the justification family I10 (spec/transitions): after an
 * honest participant takes a delivered message, a slot it newly committed holds its
 * COMMITs (I10b), a view change it joined was vouched for (I10d), and invalid input
 * left its protocol state alone (I10f).
 */
import type { Judge } from "../../spec/held-state.js";
import type { SignedMessage } from "../../spec/messages.js";
import { invalidInputProblem } from "../../spec/transitions/invalid-input.js";
import { newlyCommittedProblem } from "../../spec/transitions/justified-commit.js";
import { viewJoinProblem } from "../../spec/transitions/justified-join.js";
import type { NodeState } from "../../impl/core/types.js";
import type { TransitionViolation } from "./transition-checks.js";

export function checkJustifiedDelivery(
  before: NodeState, after: NodeState, m: SignedMessage, judge: Judge,
): TransitionViolation | null {
  if (before.role !== "participant" || after.role !== "participant" || before === after) return null;
  const ignored = invalidInputProblem(before, after, m, judge);
  if (ignored !== null) return { invariant: "invalid input ignored", message: ignored };
  const committed = newlyCommittedProblem(before, after, judge);
  if (committed !== null) return { invariant: "justified committed slots", message: committed };
  const joined = viewJoinProblem(before, after, m, judge);
  if (joined !== null) return { invariant: "justified views", message: joined };
  return null;
}
