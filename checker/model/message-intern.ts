/**
 * One object per distinct signed message in a run. Interning makes every state
 * that holds "P1's PREPARE v0 s1 d" share one object, so its fingerprint is
 * computed once (structural-hash.ts memoizes per object) and equality is identity.
 * The table lives in the run's context and grows with the distinct messages only.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Digest, Message, NodeId, PrePrepare, SignedMessage } from "../../spec/messages.js";
import { signAs } from "./symbolic-crypto.js";

/**
 * A key equal exactly for equal (signer, message): every field of the message is in it.
 * Never a digest standing for what it names: a Byzantine PRE-PREPARE whose digest does not
 * match its body, or two bodies under one digest, must stay distinct messages, or a class
 * of digest bugs could not be expressed at all. Fast paths for the kinds made of scalars;
 * a PRE-PREPARE's proposal is encoded once per proposal object (`proposalKeys`), a batch's (`rest`) each.
 */
function messageKey(signer: NodeId, m: Message, proposalKeys: WeakMap<object, string>): string {
  switch (m.kind) {
    case "Prepare":
    case "Commit": return `${m.kind}|${signer}|${m.view}|${m.seq}|${m.digest}`;
    case "PrePrepare":
      return `${m.kind}|${signer}|${m.view}|${m.seq}|${m.digest}|${proposalKey(m.proposal, proposalKeys)}` +
        (m.rest === undefined ? "" : `|${m.rest.map((x) => proposalKey(x, proposalKeys)).join("|")}`);
    case "Confirm": return `${m.kind}|${signer}|${m.seq}|${m.txn}|${m.outcome}|${m.replicaDigest}`;
    default: return `${signer}|${canonicalJson(m)}`;
  }
}

function proposalKey(proposal: PrePrepare["proposal"], keys: WeakMap<object, string>): string {
  if (proposal === null) return "-";
  let key = keys.get(proposal);
  if (key === undefined) {
    key = canonicalJson(proposal);
    keys.set(proposal, key);
  }
  return key;
}

export class MessageIntern {
  private readonly table = new Map<string, SignedMessage>();
  /**
   * The last signed form of each message object: the adversary's alphabet and the core's
   * outputs hand the same objects over and over, and building the key is the cost.
   */
  private readonly byObject = new WeakMap<Message, SignedMessage>();
  private readonly proposalKeys = new WeakMap<object, string>();

  /** The signed message `signer` sends: the symbolic signer signs only as the sender. */
  signed(signer: NodeId, message: Message): SignedMessage {
    const seen = this.byObject.get(message);
    if (seen !== undefined && seen.signer === signer) return seen;
    const s = this.signedByKey(signer, message);
    this.byObject.set(message, s);
    return s;
  }

  private signedByKey(signer: NodeId, message: Message): SignedMessage {
    const key = messageKey(signer, message, this.proposalKeys);
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
export function memoizedDigest(digest: (value: unknown) => Digest): (value: unknown) => Digest {
  const cache = new WeakMap<object, Digest>();
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
