/**
 * Byzantine behaviours for demos and tests (`--byzantine P3:equivocate`). The
 * node still runs the honest core; the behaviour rewrites what it sends, and
 * signs the result with its own key (it cannot forge anyone else's).
 *
 * - `silent`: sends nothing (a crash that keeps its connections open).
 * - `equivocate`: sends its real vote to every peer and, to every other peer
 *   (alternating with the seq), a second vote for the same (kind, view, seq)
 *   with another digest. As leader it also sends a second pre-prepare with the
 *   flag flipped. Conflicting messages go to different peers, and those that
 *   get both hold transferable proof (DESIGN.md §4).
 */
import type { Message, NodeId } from "../../spec/messages.js";
import { sha256Digest } from "./node-env.js";
import { batchDigestValue, batchOf } from "../../spec/batch.js";

export const behaviours = ["honest", "silent", "equivocate"] as const;
export type Behaviour = (typeof behaviours)[number];

export function isBehaviour(text: string): text is Behaviour {
  return (behaviours as readonly string[]).includes(text);
}

/** The messages actually sent where the honest core sends `message` to `to`. */
export function misbehave(behaviour: Behaviour, to: NodeId, message: Message): readonly Message[] {
  switch (behaviour) {
    case "honest": return [message];
    case "silent": return [];
    case "equivocate": {
      const conflicting = conflictingWith(message);
      return conflicting !== null && (to + seqOf(message)) % 2 === 0 ? [message, conflicting] : [message];
    }
  }
}

const seqOf = (message: Message): number => ("seq" in message ? message.seq : 0);

function conflictingWith(message: Message): Message | null {
  switch (message.kind) {
    case "Prepare":
    case "Commit": return { ...message, digest: sha256Digest(["equivocate", message.digest]) };
    case "PrePrepare": {
      if (message.proposal === null) return null;
      const flag = message.proposal.flag === "commit" ? "abort" as const : "commit" as const;
      const proposal = { ...message.proposal, flag };
      const flipped = { ...message, proposal };
      return { ...flipped, digest: sha256Digest(batchDigestValue(batchOf(flipped))) };
    }
    default: return null;
  }
}
