/**
 * Properties of a single transition, which no single state shows.
 *
 * I6 detection completeness: an honest node that already held a signed vote of
 * X for (kind, view, seq) and now receives a validly signed one with another
 * digest must hold proof against X afterwards. Likewise a NEW-VIEW whose pre-prepares
 * do not follow from the VIEW-CHANGEs it carries — by the receiver's own derivation —
 * is proof against the leader that signed it (DESIGN.md §4): a participant that
 * installs one instead has ignored proof it held.
 *
 * I5 at its source: every proof an honest node reports must verify by the one judge
 * (impl/core/evidence-verify.ts) and name a node that is faulty in this world. The
 * state invariant (spec/invariants/detection.ts) sees only the proven sets; this sees
 * the proof itself, so an empty or unverifiable "proof" is caught even against a
 * faulty node, where the proven set alone looks right.
 */
import type { NewView, SignedMessage } from "../spec/messages.js";
import { newViewPrePrepares } from "../impl/core/new-view.js";
import { installedView } from "../impl/core/participant-state.js";
import { verifyEvidence } from "../impl/core/evidence-verify.js";
import { hasNode } from "../impl/core/quorum.js";
import type { Evidence, NodeState } from "../impl/core/types.js";
import type { CheckContext } from "./context.js";

export interface TransitionViolation {
  readonly invariant: string;
  readonly message: string;
}

/** The signed message `state` holds from `m.signer` for the same (kind, view, seq) as `m`, if any. */
function heldCounterpart(state: NodeState, m: SignedMessage): SignedMessage | null {
  const b = m.body;
  // Both roles keep each participant's latest CHECKPOINT; one for the same seq is its counterpart.
  if (b.kind === "Checkpoint") return state.checkpoints.find((c) => c.signer === m.signer && c.body.seq === b.seq) ?? null;
  if (state.role === "coordinator") {
    if (b.kind !== "Confirm") return null;
    return state.confirmations.find((c) => c.signer === m.signer && c.body.seq === b.seq) ?? null;
  }
  if (b.kind !== "PrePrepare" && b.kind !== "Prepare" && b.kind !== "Commit") return null;
  // The log is the installed view's, kept (and still read) during a view change.
  if (b.view !== installedView(state)) return null;
  const slot = state.slots.find((s) => s.seq === b.seq);
  if (slot === undefined) return null;
  if (b.kind === "PrePrepare") return slot.prePrepare?.signer === m.signer ? slot.prePrepare : null;
  const votes = b.kind === "Prepare" ? slot.prepares : slot.commits;
  const own = votes[m.signer] ?? null;
  // Under the count-messages mutant a cell may hold another signer's copy; the signer's vote sits elsewhere.
  if (own === null || own.signer === m.signer) return own;
  return votes.find((vote) => vote !== null && vote.signer === m.signer) ?? null;
}

function conflicts(a: SignedMessage, b: SignedMessage): boolean {
  if (a.body.kind === "Confirm" && b.body.kind === "Confirm") return a.body.txn !== b.body.txn || a.body.outcome !== b.body.outcome;
  if (a.body.kind === "Checkpoint" && b.body.kind === "Checkpoint") return a.body.stateDigest !== b.body.stateDigest;
  if ("digest" in a.body && "digest" in b.body) return a.body.digest !== b.body.digest;
  return false;
}

export function checkDelivery(before: NodeState, after: NodeState, m: SignedMessage, ctx: CheckContext): TransitionViolation | null {
  if (!ctx.env.verify(m)) return null;
  if (m.body.kind === "NewView") return checkNewViewInstalled(before, after, m.body, m.signer, ctx);
  const held = heldCounterpart(before, m);
  if (held === null || !conflicts(held, m)) return null;
  if (hasNode(after.proven, m.signer)) return null;
  return { invariant: "detection-completeness", message: `node ${before.id} received conflicting ${m.body.kind}s from ${m.signer} but holds no proof` };
}

/**
 * A participant that just installed `nv` (its log now starts from it) must be able to
 * derive its pre-prepares from its VIEW-CHANGEs, with the same rule it would apply as
 * the leader; otherwise it took a NEW-VIEW no leader following that rule could send
 * without proving its sender faulty. Only quorum-sized NEW-VIEWs are judged: a short
 * one is rejected before any derivation, which I5 and agreement already cover.
 */
function checkNewViewInstalled(before: NodeState, after: NodeState, nv: NewView, signer: number, ctx: CheckContext): TransitionViolation | null {
  if (after.role !== "participant" || before.role !== "participant") return null;
  if (after.newView === null || after.newView.view !== nv.view || before.newView?.view === nv.view) return null;
  if (hasNode(after.proven, signer)) return null;
  const env = ctx.env;
  if (env.digest(newViewPrePrepares(nv.view, nv.viewChanges, env)) === env.digest(nv.prePrepares)) return null;
  return { invariant: "detection-completeness",
    message: `node ${before.id} installed a NEW-VIEW for view ${nv.view} from ${signer} whose pre-prepares do not follow from its view-changes, and holds no proof` };
}

/** I5 for one report of honest node `by`: a proven report's proof verifies and names a faulty node. */
export function checkReport(by: number, evidence: Evidence, ctx: CheckContext): TransitionViolation | null {
  if (evidence.grade !== "proven") return null;
  const verdict = verifyEvidence(evidence, ctx.env);
  const against = `${evidence.against} proven (${evidence.reason})`;
  if (!verdict.holds) {
    const message = `node ${by} reports ${against} with a proof that does not verify: ${verdict.why}`;
    return { invariant: "detection accuracy", message };
  }
  if (hasNode(ctx.faulty, evidence.against)) return null;
  const message = `node ${by} reports honest node ${against} with a proof that verifies`;
  return { invariant: "detection accuracy", message };
}
