/**
 * Re-checks proven evidence another node reports (DESIGN.md §4: "transferable
 * proof anyone can re-check"), so the coordinator's cluster-wide faulty list
 * never repeats a conviction it cannot verify: a Byzantine participant cannot
 * frame an honest one through it.
 *
 * Checked today: equivocation (two validly signed messages of the accused for
 * one (kind, view, seq) with different contents) and impossible messages (a
 * pre-prepare whose digest does not match its body, or whose request the client
 * did not sign). Other reasons come back as not checkable.
 */
import { Schema } from "effect";
import { canonicalJson } from "../../spec/canonical.js";
import { SignedMessage, type NodeId } from "../../spec/messages.js";
import type { Env } from "../core/types.js";
import { decodeWith } from "./decode-result.js";

export type ProofVerdict = "holds" | "fails" | "not-checkable";

const Proof = Schema.Array(SignedMessage);

export function checkProof(reason: string, against: NodeId, proofJson: unknown, env: Env, clientId: NodeId): ProofVerdict {
  const decoded = decodeWith(Proof, proofJson);
  if (!decoded.ok) return "fails";
  const proof = decoded.value;
  if (!proof.every((m) => m.signer === against && env.verify(m))) return "fails";
  switch (reason) {
    case "equivocation": {
      const [first, second] = proof;
      if (proof.length !== 2 || first === undefined || second === undefined) return "fails";
      const slot = (m: SignedMessage): string => canonicalJson([m.body.kind, slotField(m, "view"), slotField(m, "seq")]);
      return slot(first) === slot(second) && canonicalJson(first.body) !== canonicalJson(second.body) ? "holds" : "fails";
    }
    case "impossible-message": {
      const body = proof[0]?.body;
      if (proof.length !== 1 || body?.kind !== "PrePrepare") return "fails";
      if (env.digest(body.proposal) !== body.digest) return "holds";
      const request = body.proposal?.request;
      return request !== undefined && (request.signer !== clientId || !env.verify(request)) ? "holds" : "fails";
    }
    default: return "not-checkable";
  }
}

function slotField(m: SignedMessage, field: "view" | "seq"): unknown {
  return (m.body as unknown as Record<string, unknown>)[field] ?? null;
}
