/**
 * The one judge of proof (DESIGN.md §4): does a piece of evidence, re-checked with
 * `env.verify` and `env.digest` alone, prove its `against` node faulty for the
 * reason it states? The core's reports, the checker's I5 and the runtime's
 * cluster-wide faulty list all ask this function, so a proof is either good
 * everywhere or nowhere. Whatever cannot be checked does not verify.
 *
 * What proves a fault, each a rule no honest node breaks:
 * 1. equivocation: two validly signed messages of `against` for one slot with
 *    different contents (`slotKey` says what a slot is per kind; a kind with no
 *    slot, like a relayed Request, can never equivocate), or a leader's PRE-PREPARE
 *    that contradicts the pre-prepare its own NEW-VIEW derived for that seq;
 * 2. invalid-new-view: a NEW-VIEW whose pre-prepares do not follow from the
 *    VIEW-CHANGEs it carries, recomputed here;
 * 3. impossible-message: one signed message no honest node sends (`impossibility`).
 * Suspicion (bad-signature, unexpected, timeout) never proves anything.
 */
import type { NewView, PrePrepare, SignedMessage } from "../../spec/messages.js";
import { canonicalJson } from "../../spec/canonical.js";
import { confirmationSlot, confirmedStatement } from "../../spec/batch.js";
import { newViewProblem } from "./new-view.js";
import { impossibility } from "./evidence-impossible.js";
import type { Env, Evidence } from "./types.js";

export type EvidenceVerdict = { readonly holds: true } | { readonly holds: false; readonly why: string };

const holds: EvidenceVerdict = { holds: true };
const fails = (why: string): EvidenceVerdict => ({ holds: false, why });

export function verifyEvidence(evidence: Evidence, env: Env): EvidenceVerdict {
  if (evidence.grade !== "proven") return fails("suspicion proves nothing");
  const proof = evidence.proof;
  if (proof.length === 0) return fails("no proof attached");
  for (const m of proof) {
    if (m.signer !== evidence.against) return fails(`a message is signed by ${m.signer}, not ${evidence.against}`);
    if (!env.verify(m)) return fails("a proof message fails verification");
  }
  switch (evidence.reason) {
    case "equivocation": return equivocationHolds(proof, env);
    case "invalid-new-view": return invalidNewViewHolds(proof, env);
    case "impossible-message": {
      const [m] = proof;
      if (proof.length !== 1 || m === undefined) return fails("impossible-message takes exactly one message");
      const problem = impossibility(m, env);
      return problem === null ? fails(`${m.body.kind} is one an honest node may send`) : holds;
    }
    case "bad-signature":
    case "unexpected":
    case "timeout": return fails(`${evidence.reason} is suspicion, never proof`);
    default: return fails(`unknown reason ${String(evidence.reason)}`);
  }
}

/**
 * The slot a message occupies for its signer, or null for a kind an honest node may
 * sign many different times with no slot in common (a Request is relayed for each
 * txn and again with another flag, a StateRequest or StateReply per catch-up).
 * Only fields the message really has make its key: never a missing view or seq.
 */
function slotKey(m: SignedMessage): string | null {
  const b = m.body;
  switch (b.kind) {
    case "PrePrepare":
    case "Prepare":
    case "Commit": return canonicalJson([b.kind, b.view, b.seq]);
    case "Checkpoint": return canonicalJson([b.kind, b.seq]);
    // A seq's whole batch is confirmed in one message (spec/batch.ts).
    case "Confirm": return canonicalJson([b.kind, confirmationSlot(b)]);
    case "ViewChange":
    case "NewView": return canonicalJson([b.kind, b.view]);
    case "Request":
    case "StateRequest":
    case "StateReply": return null;
    default: return null;
  }
}

/** Whether two messages of one slot say different things: what the receiving core compares, nothing more. */
function contradict(a: SignedMessage, b: SignedMessage, env: Env): boolean {
  const x = a.body;
  const y = b.body;
  if (x.kind === "Confirm" && y.kind === "Confirm") return confirmedStatement(x) !== confirmedStatement(y);
  if (x.kind === "Checkpoint" && y.kind === "Checkpoint") return x.stateDigest !== y.stateDigest;
  if ("digest" in x && "digest" in y) return x.digest !== y.digest;
  return env.digest(x) !== env.digest(y);
}

function equivocationHolds(proof: readonly SignedMessage[], env: Env): EvidenceVerdict {
  const [first, second] = proof;
  if (proof.length !== 2 || first === undefined || second === undefined) return fails("not two messages");
  if (first.body.kind === "NewView" && second.body.kind === "PrePrepare") {
    return againstOwnNewView(first.body, second.body) ? holds : fails("the pre-prepare follows its NEW-VIEW");
  }
  const key = slotKey(first);
  if (key === null) return fails(`a ${first.body.kind} has no slot: two of them never conflict`);
  if (key !== slotKey(second)) return fails("the two messages are for different slots");
  return contradict(first, second, env) ? holds : fails("the two messages agree");
}

/** A PRE-PREPARE of view v for a seq that the signer's own NEW-VIEW for v derived, with another digest. */
function againstOwnNewView(nv: NewView, pp: PrePrepare): boolean {
  const mandated = nv.prePrepares.find((x) => x.seq === pp.seq);
  return pp.view === nv.view && mandated !== undefined && mandated.digest !== pp.digest;
}

function invalidNewViewHolds(proof: readonly SignedMessage[], env: Env): EvidenceVerdict {
  const [m] = proof;
  if (proof.length !== 1 || m === undefined || m.body.kind !== "NewView") return fails("not one NEW-VIEW");
  return newViewProblem(m.body, env) === null ? fails("the NEW-VIEW follows from its view-changes") : holds;
}
