/**
 * Fault detection (DESIGN.md §4). Proven evidence carries signed messages anyone
 * can re-check and isolates the node; suspicion never isolates. An honest node
 * must never be proven faulty by an honest node (invariant I5), so `prove` is
 * called only where the proof itself shows a rule no honest node breaks.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { hasNode, withNode, type NodeSet } from "./quorum.js";
import type { Env, EvidenceReason, Output } from "./types.js";

interface HasProven { readonly proven: NodeSet }

export function prove<S extends HasProven>(
  state: S, against: NodeId, reason: EvidenceReason, proof: readonly SignedMessage[], detail: string,
): { readonly state: S; readonly out: Output[] } {
  if (hasNode(state.proven, against)) return { state, out: [] };
  const evidence = { grade: "proven" as const, against, reason, proof, detail };
  return { state: { ...state, proven: withNode(state.proven, against) }, out: [{ kind: "Report", evidence }] };
}

export function suspect(against: NodeId, reason: EvidenceReason, detail: string): Output {
  return { kind: "Report", evidence: { grade: "suspected", against, reason, proof: [], detail } };
}

/**
 * The gate every delivered message passes first: a bad signature is suspected
 * against `from`, the link it came from, never against the signer it claims
 * (DESIGN.md §4: anyone can write another node's name on garbage); a proven
 * node is ignored — except its CHECKPOINTs (checkpoint-log.ts says why they
 * still count). Returns the outputs to emit and whether to go on.
 */
export function admit(
  state: HasProven, from: NodeId, message: SignedMessage, env: Env,
): { readonly ok: boolean; readonly out: Output[] } {
  if (!env.verify(message)) {
    const detail = `${message.body.kind} claiming signer ${message.signer} fails verification`;
    return { ok: false, out: [suspect(from, "bad-signature", detail)] };
  }
  if (hasNode(state.proven, message.signer) && message.body.kind !== "Checkpoint") return { ok: false, out: [] };
  return { ok: true, out: [] };
}

/** Two signed messages of one signer for one (kind, view, seq) with different digests. */
export function equivocation<S extends HasProven>(
  state: S, first: SignedMessage, second: SignedMessage, what: string,
): { readonly state: S; readonly out: Output[] } {
  return prove(state, second.signer, "equivocation", [first, second], `${what}: two different digests signed`);
}
