import { canonicalJson } from "../canonical.js";
import { confirmedStatement } from "../batch.js";
import type { SignedMessage } from "../messages.js";
import { transition, type DeliveryView } from "../transition-view.js";
import { leaderOfView } from "./leader-authority.js";

/**
 * Two signed messages of one signer for one (kind, view, seq) that state different
 * things: equivocation (DESIGN.md §4). A VIEW-CHANGE or NEW-VIEW states its whole
 * body; a confirmation its (txn, outcome) pairs (not the replica digest, which honest
 * replicas may word apart); a CHECKPOINT its state digest; a vote or PRE-PREPARE its digest.
 */
export function conflicting(a: SignedMessage, b: SignedMessage): boolean {
  if (a.body.kind === "ViewChange" || a.body.kind === "NewView") return canonicalJson(a.body) !== canonicalJson(b.body);
  if (a.body.kind === "Confirm" && b.body.kind === "Confirm") {
    return confirmedStatement(a.body) !== confirmedStatement(b.body);
  }
  if (a.body.kind === "Checkpoint" && b.body.kind === "Checkpoint") return a.body.stateDigest !== b.body.stateDigest;
  if ("digest" in a.body && "digest" in b.body) return a.body.digest !== b.body.digest;
  return false;
}

/** A PRE-PREPARE (judged at participants) or NEW-VIEW signed by a node that does not lead its view. */
function signedByNonLeader(d: DeliveryView): boolean {
  const b = d.message.body;
  const judged = b.kind === "NewView" || (b.kind === "PrePrepare" && d.receiverRole === "participant");
  return judged && d.message.signer !== leaderOfView(b.view, d.n);
}

/** A PRE-PREPARE for a seq that its signer's own installed NEW-VIEW mandates another digest for. */
function contradictsNewView(d: DeliveryView): boolean {
  const b = d.message.body;
  const nv = d.newViewBefore;
  if (d.receiverRole !== "participant" || b.kind !== "PrePrepare" || nv === null) return false;
  if (nv.signer !== d.message.signer || nv.body.view !== b.view) return false;
  const mandated = nv.body.prePrepares.find((p) => p.seq === b.seq);
  return mandated !== undefined && mandated.digest !== b.digest;
}

/**
 * I6 detection completeness: an honest node that receives a validly signed message
 * which, with what it already holds or by itself, is proof against its signer must
 * hold proof against that signer afterwards:
 * 1. a vote, PRE-PREPARE, CHECKPOINT or confirmation of X for (kind, view, seq) with
 *    another digest than the one of X it holds;
 * 2. a VIEW-CHANGE of X for a view it holds another VIEW-CHANGE of X for;
 * 3. a NEW-VIEW of X for the view whose signed NEW-VIEW of X it installed, another one;
 * 4. a PRE-PREPARE of X for a seq that X's installed NEW-VIEW mandates another digest for;
 * 5. a PRE-PREPARE (at a participant) or NEW-VIEW signed by a node that does not lead its view;
 * 6. a NEW-VIEW whose pre-prepares do not follow from the VIEW-CHANGEs it carries, by
 *    the receiver's own derivation: a participant that installs one has ignored proof.
 * (The name keeps its hyphen: recorded traces and the mutant catalog carry it.)
 */
export const detectionCompleteness = transition("I6", "detection-completeness", (d) => {
  if (!d.verifies || d.signerProven) return null;
  const m = d.message;
  const unproven = (what: string): string => `node ${d.receiver} received ${what} from ${m.signer} but holds no proof`;
  if (signedByNonLeader(d)) return unproven(`a ${m.body.kind} for a view it does not lead`);
  if (d.counterpart !== null && conflicting(d.counterpart, m)) return unproven(`conflicting ${m.body.kind}s`);
  if (contradictsNewView(d)) return unproven("a PrePrepare contradicting its own NEW-VIEW");
  if (m.body.kind === "NewView" && d.installed?.derivable === false) {
    return `node ${d.receiver} installed a NEW-VIEW for view ${d.installed.view} from ${m.signer} ` +
      "whose pre-prepares do not follow from its view-changes, and holds no proof";
  }
  return null;
});
