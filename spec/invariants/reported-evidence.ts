import type { NodeId } from "../messages.js";

/**
 * One report of an honest node (DESIGN.md §4), with what the one judge of proof
 * (impl/core/evidence-verify.ts, `verifyEvidence`) says of it. Built by the driver,
 * which knows who is faulty in its world.
 */
export interface ReportView {
  readonly by: NodeId;
  readonly against: NodeId;
  readonly grade: "proven" | "suspected";
  readonly reason: string;
  /** The judge's verdict on a proven report's proof; null for a suspicion. */
  readonly verdict: { readonly holds: true } | { readonly holds: false; readonly why: string } | null;
  /** The accused is an honest participant or coordinator of this world (the client is no node here). */
  readonly againstHonest: boolean;
}

export interface ReportProperty {
  readonly id: string;
  readonly name: string;
  readonly check: (r: ReportView) => string | null;
}

/**
 * I5 at its source: every proof an honest node reports verifies by the one judge and
 * names a node that is faulty. The state invariant (detection.ts) sees only the proven
 * sets; this sees the proof itself, so an empty or unverifiable "proof" is caught even
 * against a faulty node, where the proven set alone looks right.
 */
export const reportedProof: ReportProperty = {
  id: "I5", name: "detection accuracy",
  check: (r) => {
    if (r.grade !== "proven") return null;
    const against = `${r.against} proven (${r.reason})`;
    if (r.verdict === null) return `node ${r.by} reports ${against} with no verdict on its proof`;
    if (!r.verdict.holds) return `node ${r.by} reports ${against} with a proof that does not verify: ${r.verdict.why}`;
    return r.againstHonest ? `node ${r.by} reports honest node ${against} with a proof that verifies` : null;
  },
};

/**
 * Suspicion accuracy (DESIGN.md §4): a message that fails to verify is blamed on the link
 * it came from, never on the signer it claims. An honest node sends only what it signed
 * itself, so a bad-signature suspicion of an honest node blamed a name written on garbage.
 */
export const suspicionAccuracy: ReportProperty = {
  id: "I5s", name: "suspicion accuracy",
  check: (r) => (r.grade === "suspected" && r.reason === "bad-signature" && r.againstHonest
    ? `node ${r.by} suspects honest node ${r.against} of a bad signature` : null),
};

/**
 * The reasons a suspicion may give (DESIGN.md §4): each names something its reporter saw but cannot prove. The
 * reasons that carry proof (equivocation, invalid-new-view, impossible-message) go with grade "proven" only.
 */
export const suspicionReasons: readonly string[] = ["bad-signature", "unexpected", "timeout"];

/**
 * Report well-formedness: a suspicion gives one of the suspicion reasons. A suspicion that claims a proof's
 * reason, or none, misleads whoever reads the reports (the runtime's operators, its faulty list's logs), and a
 * reason is how the runtime tells a bad link (bad-signature, blamed on the sender) from a slow or odd node. A
 * proven report's reason is the judge's to check (I5 above: a suspicion's reason never verifies as proof).
 */
export const wellFormedReport: ReportProperty = {
  id: "I5w", name: "well-formed report",
  check: (r) => (r.grade === "suspected" && !suspicionReasons.includes(r.reason)
    ? `node ${r.by} suspects ${r.against} giving the reason "${r.reason}", not one of ${suspicionReasons.join(", ")}`
    : null),
};

/**
 * I5 against a faulty reporter: the runtime's cluster-wide faulty list takes proofs from any node (impl/net), so a
 * faulty node may hand the one judge a message an honest node really signed, claiming it proves that node faulty.
 * No honest node's own message may (DESIGN.md §4: proof shows a rule no honest node breaks). The driver builds
 * such a report, `by` the node that holds the message, for each single-message reason and as equivocation with the
 * message twice, for each message an honest node signed that it delivers; this judges the verdict on it.
 */
export const forgedReport: ReportProperty = {
  id: "I5f", name: "honest message is no proof",
  check: (r) => (r.grade === "proven" && r.againstHonest && r.verdict?.holds === true
    ? `honest node ${r.against}'s own message, handed to the judge by ${r.by} as ${r.reason} proof, verifies`
    : null),
};

/** Every report property, in the order they are judged. */
export const reportProperties: readonly ReportProperty[] = [reportedProof, suspicionAccuracy, wellFormedReport];
