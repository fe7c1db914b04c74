/**
 * Whose signature a client request must carry. The core knows one client signer
 * (id n+1, spec/config.ts) and asks `env.verify`; the runtime lets many clients
 * share that id, each with its own key, by naming the client in the txn id:
 * `alice/t1` must be signed by the key registered as `clients.alice` in
 * cluster.json, and an id without a registered prefix by `publicKeys.client`.
 *
 * Why in the id: the id is inside the signed body, so the choice of key is
 * covered by the signature itself; a request cannot be re-labelled to another
 * client without breaking it. Every node (participants verify requests inside
 * pre-prepares) applies the same rule, so they agree on what verifies.
 */
import type { KeyObject } from "node:crypto";
import type { NodeId, Signed } from "../../spec/messages.js";
import { clientName, clientNamePattern, type ClusterConfig } from "./cluster-config.js";
import type { DecodeResult } from "./decode-result.js";
import { importPublicKey } from "./keys.js";
import { cachedVerifier } from "./node-env.js";
import type { Verify } from "./signer.js";

/** The client a txn id belongs to: its registered prefix before `/`, else the default `client`. */
export function clientOfTxnId(id: string, registered: ReadonlySet<string> | ReadonlyMap<string, unknown>): string {
  const slash = id.indexOf("/");
  if (slash <= 0) return clientName;
  const prefix = id.slice(0, slash);
  return clientNamePattern.test(prefix) && registered.has(prefix) ? prefix : clientName;
}

/** The named clients' public keys from cluster.json, imported once. */
export function clientKeyMap(config: ClusterConfig): DecodeResult<Map<string, KeyObject>> {
  const keys = new Map<string, KeyObject>();
  for (const [name, text] of Object.entries(config.clients ?? {})) {
    const key = importPublicKey(text);
    if (key === null) return { ok: false, error: `clients.${name}: not an Ed25519 public key` };
    keys.set(name, key);
  }
  return { ok: true, value: keys };
}

/**
 * `base` for every signer, except client requests whose id names a registered client: that client's key (cached
 * like `base`, pruned as `lowWatermark` moves: node-env.ts `cachedVerifier`).
 */
export function clientAwareVerifier(base: Verify, clientSigner: NodeId,
  clientKeys: ReadonlyMap<string, KeyObject>, lowWatermark: () => number = () => 0): Verify {
  const perClient = new Map<string, Verify>([...clientKeys].map(([name, key]) =>
    [name, cachedVerifier(new Map([[clientSigner, key]]), 4_096, undefined, undefined, lowWatermark)]));
  return (signed: Signed<unknown>): boolean => {
    if (signed.signer !== clientSigner) return base(signed);
    const id = (signed.body as { id?: unknown } | null)?.id;
    if (typeof id !== "string") return base(signed);
    const owner = clientOfTxnId(id, perClient);
    return owner === clientName ? base(signed) : (perClient.get(owner)?.(signed) ?? false);
  };
}
