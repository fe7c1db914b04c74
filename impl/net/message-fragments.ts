/**
 * Signed protocol messages too big for one frame travel as fragments
 * (spec/transfer-messages.ts `MessageFragment`).
 *
 * Why: a VIEW-CHANGE carries a prepared certificate (a pre-prepare with its
 * client request, and 2f+1 prepares) for every prepared seq of the window, and
 * a NEW-VIEW carries 2f+1 VIEW-CHANGEs plus a pre-prepare per seq: its size is
 * about (2f+1) x W x certificate, which no frame limit bounds (at n = 7 and
 * W = 1032 with 3-op txns it is ~10 MB; test/impl/net/message-fragments.test.ts).
 * Dropping it as unsendable would stall the view change for good, since the
 * same state makes the same message again.
 *
 * Sender: the signed message's canonical JSON is cut into `fragmentDataBytes`
 * slices, each base64 in its own frame, sent back to back on the link to one
 * peer. Receiver (one assembly per authenticated peer): index 0 starts an
 * assembly, each next index extends it, anything else abandons it (a message
 * lost like a dropped frame; the core's resends cover it). The whole must match
 * `digest`, then it is decoded and checked like any frame (inbound.ts). What a
 * peer can make us hold is bounded: `fragmentedBytesMax` per peer, announced in
 * fragment 0 and checked on every fragment.
 */
import { createHash } from "node:crypto";
import type { MessageFragment } from "../../spec/transfer-messages.js";
import { frameBytesMax, tryEncodeMessageFrame } from "./frame.js";
import { asDigest } from "../../spec/ids.js";

/** Raw bytes per fragment: base64 makes them 4/3 as many, well inside a frame with the envelope. */
export const fragmentDataBytes = 192 * 1024;
/** The largest message sent or accepted in fragments; above it a message is unsendable (counted, not thrown). */
export const fragmentedBytesMax = 32 * 1024 * 1024;
export const fragmentsMax = Math.ceil(fragmentedBytesMax / fragmentDataBytes);

export const payloadDigest = (payload: Uint8Array): string => createHash("sha256").update(payload).digest("hex");

export type Fragmented =
  | { readonly ok: true; readonly frames: readonly Uint8Array[] }
  | { readonly ok: false; readonly error: string };

/** The frames that carry `payload` (a signed message's canonical JSON) as fragments, or why it cannot go. */
export function fragmentPayload(payload: Uint8Array, bytesMax = fragmentedBytesMax): Fragmented {
  if (payload.length > bytesMax) {
    return { ok: false, error: `${payload.length} bytes exceeds the ${bytesMax}-byte limit of a fragmented message` };
  }
  const digest = payloadDigest(payload);
  const count = Math.ceil(payload.length / fragmentDataBytes);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const slice = payload.subarray(index * fragmentDataBytes, (index + 1) * fragmentDataBytes);
    const fragment: MessageFragment = {
      kind: "MessageFragment", digest: asDigest(digest), index, count, data: Buffer.from(slice).toString("base64"),
    };
    const framed = tryEncodeMessageFrame(fragment, { payloadBytesMax: frameBytesMax });
    if (!framed.ok) return framed; // cannot happen at these sizes; a value all the same, never a throw
    frames.push(framed.frame);
  }
  return { ok: true, frames };
}

export type AssemblyStep =
  | { readonly kind: "more" }
  | { readonly kind: "abandoned"; readonly reason: string }
  | { readonly kind: "complete"; readonly payload: Uint8Array }
  /** The peer broke the rules no honest sender breaks: its link is dropped with this reason. */
  | { readonly kind: "bad"; readonly reason: string };

interface Assembly {
  readonly digest: string;
  readonly count: number;
  readonly parts: Buffer[];
  bytes: number;
}

/** Joins one peer's fragments; see the module comment for the rules. */
export class FragmentAssembler {
  private current: Assembly | null = null;

  constructor(private readonly bytesMax = fragmentedBytesMax) {}

  /** Bytes held for an incomplete message. */
  get heldBytes(): number {
    return this.current?.bytes ?? 0;
  }

  push(fragment: MessageFragment): AssemblyStep {
    const data = Buffer.from(fragment.data, "base64");
    const countMax = Math.ceil(this.bytesMax / fragmentDataBytes);
    if (fragment.count < 1 || fragment.count > countMax || data.length > fragmentDataBytes) {
      this.current = null;
      const reason = `fragment ${fragment.index}/${fragment.count} of ${data.length} bytes is out of bounds`;
      return { kind: "bad", reason };
    }
    if (fragment.index === 0) this.current = { digest: fragment.digest, count: fragment.count, parts: [], bytes: 0 };
    const assembly = this.current;
    const fits = assembly !== null && assembly.digest === fragment.digest && assembly.count === fragment.count
      && assembly.parts.length === fragment.index;
    if (!fits) {
      this.current = null;
      return { kind: "abandoned", reason: `fragment ${fragment.index}/${fragment.count} out of order` };
    }
    assembly.parts.push(data);
    assembly.bytes += data.length;
    if (assembly.parts.length < assembly.count) return { kind: "more" };
    this.current = null;
    const payload = Buffer.concat(assembly.parts);
    if (payloadDigest(payload) !== assembly.digest) {
      return { kind: "bad", reason: "fragments do not match their digest" };
    }
    return { kind: "complete", payload };
  }
}
