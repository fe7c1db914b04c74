/**
 * Signs and frames each distinct message once. The core re-creates equal
 * messages (every resend builds its votes anew, a broadcast repeats one object
 * per peer), and an Ed25519 signature costs about as much as a verification.
 * Ed25519 is deterministic, so a cached signature is exactly the one signing
 * again would give; the key is the message's canonical JSON. Bounded in entries
 * and in bytes (each entry's key and frames), the oldest entries going first: a
 * count alone let the coordinator's cache of batch PRE-PREPAREs (about 5 KB of key
 * and as much of frame each) fill 8,192 entries, ~80 MB, over a 20 k-txn soak; 8 MiB
 * still filled for most of it. So entries for a seq below the stable checkpoint also go when it moves
 * (watermark-cache.ts, `lowWatermark`): the cache holds about a window's messages, full within the first.
 *
 * A message too big for one frame goes as fragments (message-fragments.ts):
 * `frames` holds them. One too big even for that is still signed but gets no
 * frames: `frames` is null and `unsendable` says why, so the caller reports it
 * instead of throwing.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Message, ReplicaData, SignedMessage, StateReply } from "../../spec/messages.js";
import { encodeFrame, frameBytesMax } from "./frame.js";
import { fragmentPayload } from "./message-fragments.js";
import type { Sign } from "./signer.js";
import { seqMarkOf, WatermarkCache } from "./watermark-cache.js";

export const signingCacheEntriesMax = 8_192;
/**
 * The most bytes (key characters and frame bytes) the content cache holds: a few windows of votes and
 * confirmations. The coordinator's resent PRE-PREPAREs hit `byObject` (it keeps the proposal objects).
 */
export const signingCacheBytesMax = 2 * 2 ** 20;
/** Bigger messages (state replies) are cached by identity only: their keys would pin megabytes each. */
export const contentKeyCharsMax = 64 * 1024;

export interface Encoded {
  readonly signed: SignedMessage;
  /** The frames to send in order: one, or the fragments of a big message; null when it cannot be sent. */
  readonly frames: readonly Uint8Array[] | null;
  /** Why `frames` is null; null when it is not. */
  readonly unsendable: string | null;
}

export function makeSigningCache(sign: Sign, entriesMax = signingCacheEntriesMax, bytesMax = signingCacheBytesMax,
  lowWatermark: () => number = () => 0): (message: Message) => Encoded {
  const byObject = new WeakMap<Message, Encoded>();
  // Votes and confirmations below the stable checkpoint are never sent again: they go at the next one.
  const byContent = new WatermarkCache<Encoded>(entriesMax, bytesMax, lowWatermark);
  const sizeOf = (key: string, encoded: Encoded): number =>
    key.length + (encoded.frames ?? []).reduce((total, f) => total + f.length, 0);
  const replies = new WeakMap<ReplicaData, Encoded>();
  return (message) => {
    const same = byObject.get(message);
    if (same !== undefined) return same;
    if (message.kind === "StateReply") return stateReply(message, replies, sign);
    const key = canonicalJson(message);
    let encoded = byContent.get(key);
    if (encoded === undefined) {
      const signed = sign(message);
      encoded = frame(signed);
      if (key.length <= contentKeyCharsMax) byContent.set(key, encoded, sizeOf(key, encoded), seqMarkOf(message));
    }
    byObject.set(message, encoded);
    return encoded;
  };
}

/** One frame, or fragments when it does not fit one, or why neither. */
function frame(signed: SignedMessage): Encoded {
  let payload: Buffer;
  try {
    payload = Buffer.from(canonicalJson(signed), "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { signed, frames: null, unsendable: `not encodable: ${reason}` };
  }
  if (payload.length <= frameBytesMax) return { signed, frames: [encodeFrame(payload)], unsendable: null };
  const fragmented = fragmentPayload(payload);
  return fragmented.ok ? { signed, frames: fragmented.frames, unsendable: null }
    : { signed, frames: null, unsendable: fragmented.error };
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
  const encoded: Encoded = { signed: sign(message), frames: null, unsendable: "a STATE-REPLY travels in chunks" };
  replies.set(message.replica, encoded);
  return encoded;
}
