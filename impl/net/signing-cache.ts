/**
 * Signs and frames each distinct message once. The core re-creates equal
 * messages (every resend builds its votes anew, a broadcast repeats one object
 * per peer), and an Ed25519 signature costs about as much as a verification.
 * Ed25519 is deterministic, so a cached signature is exactly the one signing
 * again would give; the key is the message's canonical JSON. Bounded: the
 * oldest entries go first.
 *
 * A message too big for one frame is still signed but gets no frame: `frame` is
 * null and `unsendable` says why, so the caller reports it instead of throwing.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Message, ReplicaData, SignedMessage, StateReply } from "../../spec/messages.js";
import { tryEncodeMessageFrame } from "./frame.js";
import type { Sign } from "./signer.js";

export const signingCacheEntriesMax = 8_192;
/** Bigger messages (state replies) are cached by identity only: their keys would pin megabytes each. */
export const contentKeyCharsMax = 64 * 1024;

export interface Encoded {
  readonly signed: SignedMessage;
  /** The frame to send, or null when the message cannot go in one frame. */
  readonly frame: Uint8Array | null;
  /** Why `frame` is null; null when it is not. */
  readonly unsendable: string | null;
}

export function makeSigningCache(sign: Sign, entriesMax = signingCacheEntriesMax): (message: Message) => Encoded {
  const byObject = new WeakMap<Message, Encoded>();
  const byContent = new Map<string, Encoded>();
  const replies = new WeakMap<ReplicaData, Encoded>();
  return (message) => {
    const same = byObject.get(message);
    if (same !== undefined) return same;
    if (message.kind === "StateReply") return stateReply(message, replies, sign);
    const key = canonicalJson(message);
    let encoded = byContent.get(key);
    if (encoded === undefined) {
      const signed = sign(message);
      const framed = tryEncodeMessageFrame(signed);
      encoded = framed.ok
        ? { signed, frame: framed.frame, unsendable: null }
        : { signed, frame: null, unsendable: framed.error };
      if (key.length <= contentKeyCharsMax) {
        if (byContent.size >= entriesMax) byContent.delete(byContent.keys().next().value as string);
        byContent.set(key, encoded);
      }
    }
    byObject.set(message, encoded);
    return encoded;
  };
}

/**
 * A STATE-REPLY is signed once per snapshot, not per request: the core builds a new
 * reply object for every request, but over the same snapshot replica object and
 * usually the same proof; canonical JSON of a large replica is the expensive part.
 * It is never framed whole: it travels as a manifest and chunks (state-transfer-send.ts).
 */
function stateReply(message: StateReply, replies: WeakMap<ReplicaData, Encoded>, sign: Sign): Encoded {
  const known = replies.get(message.replica);
  const body = known?.signed.body;
  const same = body?.kind === "StateReply" && body.seq === message.seq && body.proof === message.proof;
  if (known !== undefined && same) return known;
  const encoded: Encoded = { signed: sign(message), frame: null, unsendable: "a STATE-REPLY travels in chunks" };
  replies.set(message.replica, encoded);
  return encoded;
}
