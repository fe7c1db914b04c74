/**
 * Re-checks proven evidence another node reports (DESIGN.md §4: "transferable
 * proof anyone can re-check"), so the coordinator's cluster-wide faulty list never
 * repeats a conviction it cannot verify: a Byzantine participant cannot frame an
 * honest one through it. The judge is the core's `verifyEvidence`, the same one the
 * checker holds every honest report to; this file only turns the untrusted JSON of
 * an entry into evidence first (schema-decoded, the reason one the core knows).
 * Whatever cannot be checked does not verify, and an unverifiable "proof" is itself
 * suspicious: it becomes a suspicion against the node that reported it.
 */
import { Schema } from "effect";
import { SignedMessage } from "../../spec/messages.js";
import { verifyEvidence, type EvidenceVerdict } from "../core/evidence-verify.js";
import type { Env, EvidenceReason } from "../core/types.js";
import { nodeIdOf } from "./cluster-config.js";
import { decodeWith } from "./decode-result.js";
import type { FaultyEntry } from "./faulty-list.js";

const Proof = Schema.Array(SignedMessage);
const reasons = [
  "equivocation", "invalid-new-view", "impossible-message", "bad-signature", "unexpected", "timeout",
] as const;
const Reason = Schema.Literals(reasons satisfies readonly EvidenceReason[]);

/** The verdict on a proven entry's proof, from its JSON: the node, the reason and the messages must all decode. */
export function judgeEntry(entry: FaultyEntry, env: Env, n: number): EvidenceVerdict {
  const against = nodeIdOf(entry.node, n);
  if (against === null) return { holds: false, why: `no node named ${entry.node}` };
  const reason = decodeWith(Reason, entry.reason);
  if (!reason.ok) return { holds: false, why: `no proof reason named ${entry.reason}` };
  const proof = decodeWith(Proof, entry.proof);
  if (!proof.ok) return { holds: false, why: "the proof is not a list of signed messages" };
  return verifyEvidence({ grade: "proven", against, reason: reason.value, proof: proof.value, detail: "" }, env);
}

/** `entry` as the list shows it: proven only when its proof verifies, else a suspicion against `reporter`. */
export function vetted(entry: FaultyEntry, reporter: string, env: Env, n: number): FaultyEntry {
  if (entry.grade !== "proven") return entry;
  const verdict = judgeEntry(entry, env, n);
  if (verdict.holds) return entry;
  const detail = `reported ${entry.node} proven (${entry.reason}) with a proof that does not check: ${verdict.why}`;
  return { ...entry, node: reporter, grade: "suspected", reason: "unverifiable-proof", detail, proof: [] };
}
