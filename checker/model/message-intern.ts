/**
 * One object per distinct signed message in a run. Interning makes every state
 * that holds "P1's PREPARE v0 s1 d" share one object, so its fingerprint is
 * computed once (structural-hash.ts memoizes per object) and equality is identity.
 * The table lives in the run's context and grows with the distinct messages only.
 */
import type { Digest, Message, NodeId, PrePrepare, SignedMessage } from "../../spec/messages.js";
import { CanonicalKeys } from "./canonical-keys.js";
import { signAs } from "./symbolic-crypto.js";

/**
 * A key equal exactly for equal (signer, message): every field of the message is in it.
 * Never a digest standing for what it names: a Byzantine PRE-PREPARE whose digest does not
 * match its body, or two bodies under one digest, must stay distinct messages, or a class
 * of digest bugs could not be expressed at all. Fast paths for the kinds made of scalars;
 * the rest (a PRE-PREPARE's proposal and each txn of its batch, `rest`) in the canonical encoding, memoised per
 * object (canonical-keys.ts): a corrupted composite shares all but one part with its original, whose encodings the
 * corruption operator has already made with the same memo.
 */
function messageKey(signer: NodeId, m: Message, keys: CanonicalKeys): string {
  switch (m.kind) {
    case "Prepare":
    case "Commit": return `${m.kind}|${signer}|${m.view}|${m.seq}|${m.digest}`;
    case "PrePrepare":
      return `${m.kind}|${signer}|${m.view}|${m.seq}|${m.digest}|${proposalKey(m.proposal, keys)}` +
        (m.rest === undefined ? "" : `|${m.rest.map((x) => proposalKey(x, keys)).join("|")}`);
    case "Confirm": return `${m.kind}|${signer}|${m.seq}|${m.txn}|${m.outcome}|${m.replicaDigest}` +
      (m.rest === undefined ? "" : `|[${m.rest.map((x) => `${x.txn}|${x.outcome}`).join("|")}]`);
    default: return `${signer}|${keys.of(m)}`;
  }
}

const proposalKey = (proposal: PrePrepare["proposal"], keys: CanonicalKeys): string =>
  proposal === null ? "-" : keys.of(proposal);

export class MessageIntern {
  private readonly table = new Map<string, SignedMessage>();
  /**
   * The last signed form of each message object: the adversary's alphabet and the core's
   * outputs hand the same objects over and over, and building the key is the cost.
   */
  private readonly byObject = new WeakMap<Message, SignedMessage>();
  /** The key of each signed message made here: equal exactly for equal values, in every run. */
  private readonly keys = new WeakMap<SignedMessage, string>();

  /**
   * `keys`: the encodings memo, which may be shared (context.ts: a run's intern is fresh, the memo is the
   * context's): an object's encoding is a function of its value alone, so it hands no run another's object.
   */
  constructor(private readonly encodings: CanonicalKeys = new CanonicalKeys()) {}

  /** The signed message `signer` sends: the symbolic signer signs only as the sender. */
  signed(signer: NodeId, message: Message): SignedMessage {
    const seen = this.byObject.get(message);
    if (seen !== undefined && seen.signer === signer) return seen;
    const s = this.signedByKey(signer, message);
    this.byObject.set(message, s);
    return s;
  }

  private signedByKey(signer: NodeId, message: Message): SignedMessage {
    const key = messageKey(signer, message, this.encodings);
    let s = this.table.get(key);
    if (s === undefined) {
      s = signAs(signer, message);
      this.table.set(key, s);
      this.keys.set(s, key);
    }
    return s;
  }

  /**
   * The key `signed` is interned under (its signer and full content), or undefined for a message not made here (a
   * forgery): what a memo of judgements by value keys on across runs (adversary-effective.ts).
   */
  keyOf(signed: SignedMessage): string | undefined {
    return this.keys.get(signed);
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
