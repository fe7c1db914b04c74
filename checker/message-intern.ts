/**
 * One object per distinct signed message in a run. Interning makes every state
 * that holds "P1's PREPARE v0 s1 d" share one object, so its fingerprint is
 * computed once (structural-hash.ts memoizes per object) and equality is identity.
 * The table lives in the run's context and grows with the distinct messages only.
 */
import { canonicalJson } from "../spec/canonical.js";
import type { Message, NodeId, SignedMessage } from "../spec/messages.js";
import { signAs } from "./symbolic-crypto.js";

/** A key equal for equal (signer, message): fast paths for the hot kinds, canonical JSON otherwise. */
function messageKey(signer: NodeId, m: Message): string {
  switch (m.kind) {
    case "Prepare":
    case "Commit": return `${m.kind}|${signer}|${m.view}|${m.seq}|${m.digest}`;
    // No fast path for PrePrepare: the adversary signs ones whose digest does not match the body, so the
    // digest does not determine the message (full content, below).
    case "Confirm": return `${m.kind}|${signer}|${m.seq}|${m.txn}|${m.outcome}|${m.replicaDigest}`;
    default: return `${signer}|${canonicalJson(m)}`;
  }
}

export class MessageIntern {
  private readonly table = new Map<string, SignedMessage>();
  /**
   * The last signed form of each message object: the adversary's alphabet and the core's
   * outputs hand the same objects over and over, and building the key is the cost.
   */
  private readonly byObject = new WeakMap<Message, SignedMessage>();

  /** The signed message `signer` sends: the symbolic signer signs only as the sender. */
  signed(signer: NodeId, message: Message): SignedMessage {
    const seen = this.byObject.get(message);
    if (seen !== undefined && seen.signer === signer) return seen;
    const s = this.signedByKey(signer, message);
    this.byObject.set(message, s);
    return s;
  }

  private signedByKey(signer: NodeId, message: Message): SignedMessage {
    const key = messageKey(signer, message);
    let s = this.table.get(key);
    if (s === undefined) {
      s = signAs(signer, message);
      this.table.set(key, s);
    }
    return s;
  }

  get size(): number {
    return this.table.size;
  }
}

/** A digest function memoized per object: proposals and replicas are shared, immutable values. */
export function memoizedDigest(digest: (value: unknown) => string): (value: unknown) => string {
  const cache = new WeakMap<object, string>();
  return (value) => {
    if (value === null || typeof value !== "object") return digest(value);
    let d = cache.get(value);
    if (d === undefined) {
      d = digest(value);
      cache.set(value, d);
    }
    return d;
  };
}
