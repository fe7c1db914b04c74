/**
 * Properties of a single transition, which no single state shows.
 *
 * I6 detection completeness: an honest node that receives a validly signed message
 * which, together with what it already holds or by itself, is proof against its signer
 * (DESIGN.md §4) must hold proof against that signer afterwards:
 * 1. a vote, PRE-PREPARE, CHECKPOINT or confirmation of X for (kind, view, seq) with
 *    another digest than the one of X it holds;
 * 2. a VIEW-CHANGE of X for a view it holds another VIEW-CHANGE of X for;
 * 3. a NEW-VIEW of X for the view whose signed NEW-VIEW of X it installed, another one;
 * 4. a PRE-PREPARE of X for a seq that X's installed NEW-VIEW mandates another digest for;
 * 5. a PRE-PREPARE (at a participant) or NEW-VIEW signed by a node that does not lead its view;
 * 6. a NEW-VIEW whose pre-prepares do not follow from the VIEW-CHANGEs it carries — by
 *    the receiver's own derivation: a participant that installs one has ignored proof.
 *
 * I5 at its source: every proof an honest node reports must verify by the one judge
 * (impl/core/evidence-verify.ts) and name a node that is faulty in this world. The
 * state invariant (spec/invariants/detection.ts) sees only the proven sets; this sees
 * the proof itself, so an empty or unverifiable "proof" is caught even against a
 * faulty node, where the proven set alone looks right.
 */
import type { NewView, SignedMessage } from "../../spec/messages.js";
import { canonicalJson } from "../../spec/canonical.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { installedView } from "../../impl/core/participant-state.js";
import { verifyEvidence } from "../../impl/core/evidence-verify.js";
import { hasNode, leaderOf } from "../../impl/core/quorum.js";
import type { Env, Evidence, NodeState } from "../../impl/core/types.js";
import type { StepContext } from "./step-context.js";

export interface TransitionViolation {
  readonly invariant: string;
  readonly message: string;
}

/** The signed message `state` holds from `m.signer` for the same (kind, view, seq) as `m`, if any. */
function heldCounterpart(state: NodeState, m: SignedMessage): SignedMessage | null {
  const b = m.body;
  // Both roles keep each participant's latest CHECKPOINT; one for the same seq is its counterpart.
  if (b.kind === "Checkpoint") return state.checkpoints.find((c) => c.signer === m.signer && c.body.seq === b.seq) ?? null;
  // Both roles keep each participant's latest VIEW-CHANGE (the coordinator for views it leads).
  if (b.kind === "ViewChange") {
    return state.viewChanges.find((c) => c.signer === m.signer && c.body.view === b.view) ?? null;
  }
  if (state.role === "coordinator") {
    if (b.kind !== "Confirm") return null;
    return state.confirmations.find((c) => c.signer === m.signer && c.body.seq === b.seq) ?? null;
  }
  const signedNewView = state.newViewSigned;
  if (b.kind === "NewView") {
    return signedNewView?.signer === m.signer && signedNewView.body.view === b.view ? signedNewView : null;
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

/** The signed NEW-VIEW of `m`'s signer installed at `state` when it mandates another digest for `m`'s seq, if any. */
function contradictedNewView(state: NodeState, m: SignedMessage): SignedMessage | null {
  const b = m.body;
  if (state.role !== "participant" || b.kind !== "PrePrepare") return null;
  const nv = state.newViewSigned;
  if (nv === undefined || nv.signer !== m.signer || nv.body.view !== b.view) return null;
  const mandated = nv.body.prePrepares.find((p) => p.seq === b.seq);
  return mandated !== undefined && mandated.digest !== b.digest ? nv : null;
}

/** A PRE-PREPARE (judged at participants) or NEW-VIEW signed by a node that does not lead its view. */
function signedByNonLeader(state: NodeState, m: SignedMessage, env: Env): boolean {
  const b = m.body;
  const judged = b.kind === "NewView" || (b.kind === "PrePrepare" && state.role === "participant");
  return judged && m.signer !== leaderOf(b.view, env.config.participantCount);
}

function conflicts(a: SignedMessage, b: SignedMessage): boolean {
  if (a.body.kind === "ViewChange" || a.body.kind === "NewView") return canonicalJson(a.body) !== canonicalJson(b.body);
  if (a.body.kind === "Confirm" && b.body.kind === "Confirm") return a.body.txn !== b.body.txn || a.body.outcome !== b.body.outcome;
  if (a.body.kind === "Checkpoint" && b.body.kind === "Checkpoint") return a.body.stateDigest !== b.body.stateDigest;
  if ("digest" in a.body && "digest" in b.body) return a.body.digest !== b.body.digest;
  return false;
}

export function checkDelivery(
  before: NodeState, after: NodeState, m: SignedMessage, env: Env,
): TransitionViolation | null {
  if (!env.verify(m) || hasNode(before.proven, m.signer) || hasNode(after.proven, m.signer)) return null;
  const unproven = (what: string): TransitionViolation =>
    ({
      invariant: "detection-completeness",
      message: `node ${before.id} received ${what} from ${m.signer} but holds no proof`,
    });
  if (signedByNonLeader(before, m, env)) return unproven(`a ${m.body.kind} for a view it does not lead`);
  const held = heldCounterpart(before, m);
  if (held !== null && conflicts(held, m)) return unproven(`conflicting ${m.body.kind}s`);
  if (contradictedNewView(before, m) !== null) return unproven("a PrePrepare contradicting its own NEW-VIEW");
  if (m.body.kind === "NewView") return checkNewViewInstalled(before, after, m.body, m.signer, env);
  return null;
}

/**
 * A participant that just installed `nv` (its log now starts from it) must be able to
 * derive its pre-prepares from its VIEW-CHANGEs, with the same rule it would apply as
 * the leader; otherwise it took a NEW-VIEW no leader following that rule could send
 * without proving its sender faulty. Only quorum-sized NEW-VIEWs are judged: a short
 * one is rejected before any derivation, which I5 and agreement already cover.
 */
function checkNewViewInstalled(
  before: NodeState, after: NodeState, nv: NewView, signer: number, env: Env,
): TransitionViolation | null {
  if (after.role !== "participant" || before.role !== "participant") return null;
  if (after.newView === null || after.newView.view !== nv.view || before.newView?.view === nv.view) return null;
  if (env.digest(newViewPrePrepares(nv.view, nv.viewChanges, env)) === env.digest(nv.prePrepares)) return null;
  return { invariant: "detection-completeness",
    message: `node ${before.id} installed a NEW-VIEW for view ${nv.view} from ${signer} whose pre-prepares do not follow from its view-changes, and holds no proof` };
}

/** I5 for one report of honest node `by`: a proven report's proof verifies and names a faulty node. */
export function checkReport(by: number, evidence: Evidence, ctx: StepContext): TransitionViolation | null {
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
