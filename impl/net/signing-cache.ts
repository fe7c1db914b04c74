/**
 * Signs and frames each distinct message once. The core re-creates equal
 * messages (every resend builds its votes anew, a broadcast repeats one object
 * per peer), and an Ed25519 signature costs about as much as a verification.
 * Ed25519 is deterministic, so a cached signature is exactly the one signing
 * again would give; the key is the message's canonical JSON. Bounded: the
 * oldest entries go first.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Message, SignedMessage } from "../../spec/messages.js";
import { encodeMessageFrame } from "./frame.js";
import type { Sign } from "./signer.js";

export const signingCacheEntriesMax = 8_192;

export interface Encoded {
  readonly signed: SignedMessage;
  readonly frame: Uint8Array;
}

export function makeSigningCache(sign: Sign, entriesMax = signingCacheEntriesMax): (message: Message) => Encoded {
  const byObject = new WeakMap<Message, Encoded>();
  const byContent = new Map<string, Encoded>();
  return (message) => {
    const same = byObject.get(message);
    if (same !== undefined) return same;
    const key = canonicalJson(message);
    let encoded = byContent.get(key);
    if (encoded === undefined) {
      const signed = sign(message);
      encoded = { signed, frame: encodeMessageFrame(signed) };
      if (byContent.size >= entriesMax) byContent.delete(byContent.keys().next().value as string);
      byContent.set(key, encoded);
    }
    byObject.set(message, encoded);
    return encoded;
  };
}
