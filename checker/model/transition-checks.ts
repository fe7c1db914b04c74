/**
 * Properties of a single transition, which no single state shows, judged with the
 * definitions in spec/: I6 detection completeness, I9's install half, I10p kept certificates
 * and I10r relayed flag kept on each honest delivery (spec/invariants/transitions.ts), I7d
 * durable replies on each honest crash-restart, I5, suspicion accuracy and report
 * well-formedness on each report, and I5f on each delivered message an honest node signed
 * (spec/invariants/reported-evidence.ts). This file only projects a node's step onto
 * what they look at (spec/transition-view.ts); the scenario driver in test/support
 * calls the same functions (I5f only here: it needs the world's honest set per message).
 */
import type { NewView, NodeId, Outcome, Signed, SignedMessage } from "../../spec/messages.js";
import { deliveryProperties, restartProperties } from "../../spec/invariants/transitions.js";
import { forgedReport, reportProperties, type ReportView } from "../../spec/invariants/reported-evidence.js";
import type {
  CertifiedSeq, DeliveryView, InstalledNewView, KeptCertificates, RelayProposals, RelayTaken, RestartView,
} from "../../spec/transition-view.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { installedView, type ParticipantState } from "../../impl/core/participant-state.js";
import { verifyEvidence } from "../../impl/core/evidence-verify.js";
import { hasNode } from "../../impl/core/quorum.js";
import type { Env, Evidence, NodeState } from "../../impl/core/types.js";
import type { StepContext } from "./step-context.js";
import { asNodeId } from "../../spec/ids.js";
import { batchOf, batchSizeOf, confirmationSlot } from "../../spec/batch.js";

export interface TransitionViolation {
  readonly invariant: string;
  readonly message: string;
}

/** The signed message `state` holds from `m.signer` for the same (kind, view, seq) as `m`, if any. */
function heldCounterpart(state: NodeState, m: SignedMessage): SignedMessage | null {
  const b = m.body;
  // Both roles keep each participant's latest CHECKPOINT; one for the same seq is its counterpart.
  if (b.kind === "Checkpoint") {
    return state.checkpoints.find((c) => c.signer === m.signer && c.body.seq === b.seq) ?? null;
  }
  // Both roles keep each participant's latest VIEW-CHANGE (the coordinator for views it leads).
  if (b.kind === "ViewChange") {
    return state.viewChanges.find((c) => c.signer === m.signer && c.body.view === b.view) ?? null;
  }
  if (state.role === "coordinator") {
    if (b.kind !== "Confirm") return null;
    const slot = confirmationSlot(b);
    return state.confirmations.find((c) => c.signer === m.signer && confirmationSlot(c.body) === slot) ?? null;
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
  // A patched core (the count-messages mutant) may hold another signer's copy in a cell: look for the signer's.
  if (own === null || own.signer === m.signer) return own;
  return votes.find((vote) => vote !== null && vote.signer === m.signer) ?? null;
}

/** The NEW-VIEW a participant installed in the step before → after, if it installed one. */
function installedNewView(before: NodeState, after: NodeState, m: SignedMessage, env: Env): InstalledNewView | null {
  if (before.role !== "participant" || after.role !== "participant") return null;
  const nv = after.newView;
  if (nv === null || before.newView?.view === nv.view) return null;
  // Delivered as a NEW-VIEW: its signer must lead. Installed on any other message: this participant built it.
  if (m.body.kind !== "NewView" || m.body.view !== nv.view) return { view: nv.view, signer: after.id, derivable: null };
  const delivered: NewView = m.body;
  const derived = newViewPrePrepares(delivered.view, delivered.viewChanges, env);
  return { view: nv.view, signer: m.signer, derivable: env.digest(derived) === env.digest(delivered.prePrepares) };
}

/**
 * The seqs `state` holds a prepared certificate for, each with its highest view: its P set, and its log's slots
 * that are prepared or later with Q-1 PREPAREs matching their pre-prepare (the rule PBFT §4.4 states for P).
 */
function certifiedSeqs(state: ParticipantState, quorum: number): CertifiedSeq[] {
  const views = new Map<CertifiedSeq["seq"], CertifiedSeq["view"]>();
  const add = (seq: CertifiedSeq["seq"], view: CertifiedSeq["view"]): void => {
    const held = views.get(seq);
    if (held === undefined || view > held) views.set(seq, view);
  };
  for (const cert of state.prepared) add(cert.prePrepare.body.seq, cert.prePrepare.body.view);
  for (const slot of state.slots) {
    const pp = slot.prePrepare;
    if (pp === null || (slot.phase !== "prepared" && slot.phase !== "committed" && slot.phase !== "executed")) continue;
    const matching = slot.prepares.filter((p) => p !== null && p.body.digest === pp.body.digest).length;
    if (matching + 1 >= quorum) add(pp.body.seq, pp.body.view);
  }
  return [...views].map(([seq, view]) => ({ seq, view }));
}

/** A participant's certificates before and after a step that changed its log, P set or low watermark; else null. */
function keptCertificates(before: NodeState, after: NodeState, env: Env): KeptCertificates | null {
  if (before.role !== "participant" || after.role !== "participant") return null;
  if (before.slots === after.slots && before.prepared === after.prepared &&
      before.lowWatermark === after.lowWatermark) return null;
  const quorum = env.config.quorum;
  return {
    before: certifiedSeqs(before, quorum), after: certifiedSeqs(after, quorum), lowWatermarkAfter: after.lowWatermark,
  };
}

/** The flags of the proposals for `txn` a participant holds: its NEW-VIEW's, its own as leader, and those held. */
function proposalFlags(state: ParticipantState, txn: string): Outcome[] {
  const slots = [...(state.newView?.prePrepares ?? []), ...state.proposals].flatMap((pp) => batchOf(pp));
  return [...slots, ...(state.held ?? [])].filter((p) => p.request.body.id === txn).map((p) => p.flag);
}

/** The coordinator's verified Request `m` taken by a participant as its first word on the txn (I10r), else null. */
function relayTaken(before: NodeState, after: NodeState, m: SignedMessage, env: Env): RelayTaken | null {
  const b = m.body;
  if (before.role !== "participant" || after.role !== "participant" || b.kind !== "Request") return null;
  if (m.signer !== env.config.participantCount || !env.verify(m)) return null;
  const txn = b.request.body.id;
  if (proposalFlags(before, txn).length > 0) return null;
  const proposedFlags = proposalFlags(after, txn);
  return proposedFlags.length === 0 ? null : { txn, relayedFlag: b.flag, proposedFlags };
}

/** The PRE-PREPAREs a participant leader with batches proposed in a step that delivered a Request (I10g), else null. */
function relayProposals(before: NodeState, after: NodeState, m: SignedMessage, env: Env): RelayProposals | null {
  if (before.role !== "participant" || after.role !== "participant" || m.body.kind !== "Request") return null;
  const batchSize = batchSizeOf(env.config);
  if (batchSize < 2 || after.proposals === before.proposals) return null;
  const earlier = new Set(before.proposals.map((pp) => pp.seq));
  const proposed = after.proposals.filter((pp) => !earlier.has(pp.seq))
    .map((pp) => ({ seq: pp.seq, txns: batchOf(pp).length }));
  return proposed.length === 0 ? null : { batchSize, lastExecuted: after.lastExecuted, proposed };
}

/** Honest node `before.id`'s delivery of `m`, as the transition properties see it. */
export function deliveryView(before: NodeState, after: NodeState, m: SignedMessage, env: Env): DeliveryView {
  const newViewBefore: Signed<NewView> | null = before.role === "participant" ? before.newViewSigned ?? null : null;
  return {
    receiver: before.id, receiverRole: before.role, n: env.config.participantCount, message: m,
    verifies: env.verify(m), signerProven: hasNode(before.proven, m.signer) || hasNode(after.proven, m.signer),
    counterpart: heldCounterpart(before, m), newViewBefore, installed: installedNewView(before, after, m, env),
    certificates: keptCertificates(before, after, env), relay: relayTaken(before, after, m, env),
    relayProposals: relayProposals(before, after, m, env),
  };
}

/** The first transition property (spec/invariants/transitions.ts) an honest node's delivery step breaks, or null. */
export function checkDelivery(before: NodeState, after: NodeState, m: SignedMessage, env: Env):
  TransitionViolation | null {
  const view = deliveryView(before, after, m, env);
  for (const property of deliveryProperties) {
    const message = property.check(view);
    if (message !== null) return { invariant: property.name, message };
  }
  return null;
}

/** Honest node `before.id`'s crash-restart from what it persisted to `after`, as the restart properties see it. */
export function restartView(before: NodeState, after: NodeState): RestartView {
  const replies = (s: NodeState): RestartView["repliesBefore"] =>
    s.role === "coordinator" ? s.replies.map(({ txn, outcome }) => ({ txn, outcome })) : [];
  return { node: before.id, role: before.role, repliesBefore: replies(before), repliesAfter: replies(after) };
}

/** The first restart property (spec/invariants/transitions.ts) an honest node's crash-restart breaks, or null. */
export function checkRestart(before: NodeState, after: NodeState): TransitionViolation | null {
  if (before.role !== "coordinator") return null; // the only restart property speaks of the coordinator's replies
  const view = restartView(before, after);
  for (const property of restartProperties) {
    const message = property.check(view);
    if (message !== null) return { invariant: property.name, message };
  }
  return null;
}

/** The first report property honest node `by`'s report breaks; `honest` says who is honest in the driver's world. */
export function judgeReport(by: NodeId, evidence: Evidence, env: Env, honest: (id: NodeId) => boolean):
  TransitionViolation | null {
  const view: ReportView = {
    by, against: evidence.against, grade: evidence.grade, reason: evidence.reason,
    verdict: evidence.grade === "proven" ? verifyEvidence(evidence, env) : null,
    againstHonest: honest(evidence.against),
  };
  for (const property of reportProperties) {
    const message = property.check(view);
    if (message !== null) return { invariant: property.name, message };
  }
  return null;
}

/** The reasons whose proof is one message: a faulty reporter can take each honest message as such "proof". */
const singleMessageReasons = ["impossible-message", "invalid-new-view"] as const;

/**
 * The forged proofs a faulty reporter can build from one honest message `m`: `m` alone for each single-message
 * reason, and `m` twice as equivocation (a duplicate or a replay is the same statement, never two).
 */
function forgedProofs(m: SignedMessage): { reason: Evidence["reason"]; proof: SignedMessage[] }[] {
  const alone = singleMessageReasons.filter((reason) => reason !== "invalid-new-view" || m.body.kind === "NewView")
    .map((reason) => ({ reason, proof: [m] }));
  return [...alone, { reason: "equivocation", proof: [m, m] }];
}

/** I5f's verdicts per message object (interned, so a message is judged once per run); the env is the run's. */
const forgedVerdicts = new WeakMap<Env, WeakMap<SignedMessage, TransitionViolation | null>>();

/**
 * I5f (spec/invariants/reported-evidence.ts): `m`, delivered to `by`, signed by an honest node of this world,
 * handed to the judge as proof against its signer by a faulty reporter (`forgedProofs`), must not verify. Messages a
 * faulty node signed, or forged under an honest name (they fail `verify`), are skipped or fail the judge as due.
 */
export function checkHonestMessageAsProof(by: NodeId, m: SignedMessage, ctx: StepContext): TransitionViolation | null {
  if (hasNode(ctx.faulty, m.signer) || m.signer > ctx.config.n) return null;
  let verdicts = forgedVerdicts.get(ctx.env);
  if (verdicts === undefined) forgedVerdicts.set(ctx.env, verdicts = new WeakMap());
  const known = verdicts.get(m);
  if (known !== undefined) return known;
  let violation: TransitionViolation | null = null;
  for (const { reason, proof } of forgedProofs(m)) {
    const evidence: Evidence = { grade: "proven", against: m.signer, reason, proof, detail: "" };
    const view: ReportView = {
      by, against: m.signer, grade: "proven", reason, verdict: verifyEvidence(evidence, ctx.env), againstHonest: true,
    };
    const message = forgedReport.check(view);
    if (message !== null) {
      violation = { invariant: forgedReport.name, message };
      break;
    }
  }
  verdicts.set(m, violation);
  return violation;
}

/** I5 (suspicion accuracy, well-formedness) for one report of honest node `by` in the checker's world. */
export function checkReport(by: number, evidence: Evidence, ctx: StepContext): TransitionViolation | null {
  return judgeReport(asNodeId(by), evidence, ctx.env, (id) => !hasNode(ctx.faulty, id) && id <= ctx.config.n);
}
