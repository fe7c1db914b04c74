/**
 * The corruption operator's domain in the checker's world (corrupt-schema.ts): symbolic
 * signatures (a node signs validly only as itself, any other name is a forgery), every
 * node id of the configuration (participants, the coordinator, the client), the digest
 * matching no body, and pools of the values known: the signed messages in play and the
 * values to be corrupted themselves (so a field is swapped for values of its own kind).
 */
import { clientId } from "../../spec/config.js";
import type { NodeId } from "../../spec/messages.js";
import { SignedMessage } from "../../spec/messages.js";
import type { Env } from "../../impl/core/types.js";
import { asNodeId } from "../../spec/ids.js";
import { CanonicalKeys } from "./canonical-keys.js";
import type { Ast } from "./corrupt-ast.js";
import { Pools } from "./corrupt-pools.js";
import type { CorruptionDomain } from "./corrupt-schema.js";
import { unmatchedDigest } from "./adversary-domains.js";
import { forgeAs, signAs } from "./symbolic-crypto.js";

/** A value to file in the pools with the schema it is an instance of. */
export interface Typed { readonly ast: Ast; readonly value: unknown }

/**
 * The domain of `sender`'s corruptions. `signers` "sender": it signs validly only as itself (the adversary);
 * "all": any node's signature may be made (a test of a check: a well-signed value from the wrong node). `keys`:
 * the canonical encodings memo its pools deduplicate with (the run's, so the message intern reuses them).
 */
export function symbolicDomain(env: Env, sender: NodeId, known: readonly unknown[], typed: readonly Typed[] = [],
  signers: "sender" | "all" = "sender", keys = new CanonicalKeys()): CorruptionDomain {
  const pools = new Pools(keys);
  for (const m of known) pools.add(SignedMessage.ast, m);
  for (const t of typed) pools.add(t.ast, t.value);
  const nodes = Array.from({ length: clientId(env.config) + 1 }, (_, i) => i);
  const after = (x: number, signer: number): number => (x - signer + nodes.length) % nodes.length;
  return {
    sender,
    nodes,
    pools,
    canSign: (node) => signers === "all" || node === sender,
    forgedBodies: signers === "all",
    // The adversary forges one name per envelope, the next node after its signer other than itself: whichever
    // name a forgery claims, a receiver that verifies rejects it, and one that does not counts that name.
    forgeAs: (signer) => (signers === "all" ? nodes.filter((x) => x !== signer) : nodes
      .filter((x) => x !== signer && x !== sender).sort((a, b) => after(a, signer) - after(b, signer)).slice(0, 1)),
    sign: (signer, body) => signAs(asNodeId(signer), body),
    forge: (claimed, by, body) => forgeAs(asNodeId(claimed), asNodeId(by), body),
    unmatched: unmatchedDigest,
  };
}
