/**
 * The transition half of I9 leader authority (spec/invariants/leader-authority.ts):
 * a participant that installs a NEW-VIEW in a step took it from the view's leader,
 * either delivered and signed by it or built by itself as that leader. Kept apart
 * from transition-checks.ts (I3/I6), which judges proof rather than acceptance.
 */
import type { SignedMessage } from "../../spec/messages.js";
import { newViewSignerProblem } from "../../spec/invariants/leader-authority.js";
import type { NodeState } from "../../impl/core/types.js";
import type { StepContext } from "./step-context.js";
import type { TransitionViolation } from "./transition-checks.js";

export function checkLeaderAuthority(before: NodeState, after: NodeState, m: SignedMessage, ctx: StepContext):
  TransitionViolation | null {
  if (before.role !== "participant" || after.role !== "participant") return null;
  const nv = after.newView;
  if (nv === null || before.newView?.view === nv.view) return null;
  // Delivered as a NEW-VIEW: its signer must lead. Installed on any other message: this participant built it
  // as the leader.
  const signer = m.body.kind === "NewView" && m.body.view === nv.view ? m.signer : after.id;
  const problem = newViewSignerProblem(after.id, nv.view, signer, ctx.config.n);
  return problem === null ? null : { invariant: "leader authority", message: problem };
}
