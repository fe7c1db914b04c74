/**
 * Frames on a TCP byte stream: a 4-byte big-endian payload length, then the
 * payload, the UTF-8 canonical JSON of one signed message.
 *
 * Why JSON and not msgpack: signatures are already computed over canonical JSON
 * (signer.ts), so sending those bytes means one encoding for digest, signature
 * and wire, and a captured frame is readable in a hex dump. Ed25519 verification
 * and schema decoding, not JSON parsing, dominate the per-message cost.
 *
 * The peer may be Byzantine, so the decoder never throws on input: an announced
 * length above the limit (`frameBytesMax` by default) is an error value (checked at the header, before
 * buffering the payload, so a peer cannot make us allocate it), and a frame cut
 * short is simply "need more bytes". After an error the stream has no frame
 * boundary to resynchronise on: the decoder stays failed and the caller closes
 * the connection.
 */
import { assert } from "../core/assert.js";
import { canonicalJson } from "../../spec/canonical.js";
import { SignedMessage } from "../../spec/messages.js";
import { type DecodeResult, decodeWith } from "./decode-result.js";

/**
 * The largest payload accepted, in bytes. The biggest message is a NewView:
 * 2f+1 view-changes, each with up to W prepared certificates of 2f+1 prepares,
 * so it grows as n^2 * W. Measured with 64-hex digests and 3-op transactions,
 * n = 29: 0.47 MiB at W = 4, 0.86 MiB at W = 8, 1.6 MiB at W = 16. A driver
 * with a larger W or transactions passes its own limit to the decoder.
 */
export const frameBytesMax = 1024 * 1024;
export const frameHeaderBytes = 4;

export type FrameError = { readonly kind: "Oversized"; readonly length: number };

export interface FramePush {
  /** Complete payloads, in stream order, each at most the decoder's limit (default `frameBytesMax`). */
  readonly frames: readonly Uint8Array[];
  /** Set once the stream is unusable; frames before the bad header are still returned. */
  readonly error: FrameError | null;
}

/** The limit is an options object, not a bare number, so `payloads.map(encodeFrame)` cannot pass an index as one. */
export function encodeFrame(payload: Uint8Array, { payloadBytesMax = frameBytesMax } = {}): Uint8Array {
  if (payload.length > payloadBytesMax) {
    throw new RangeError(`frame payload ${payload.length} bytes exceeds ${payloadBytesMax}`);
  }
  const frame = new Uint8Array(frameHeaderBytes + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length, false);
  frame.set(payload, frameHeaderBytes);
  return frame;
}

/** For tests and tools that build frames they know are small; it throws on an oversized one. */
export function encodeMessageFrame(message: SignedMessage, { payloadBytesMax = frameBytesMax } = {}): Uint8Array {
  return encodeFrame(Buffer.from(canonicalJson(message), "utf8"), { payloadBytesMax });
}

export type FrameEncoding =
  | { readonly ok: true; readonly frame: Uint8Array }
  | { readonly ok: false; readonly error: string };

/**
 * The send path's encoder: a message too big for one frame is a value, never an
 * exception. What the core sends grows with its state and its config (a NEW-VIEW
 * with big transactions, a VIEW-CHANGE carrying many certificates), and a throw
 * here used to end the process on every restart, since the same state makes the
 * same message again. The caller reports it and goes on; the core's resends and
 * timers cover the message's loss as they cover any other.
 */
export function tryEncodeMessageFrame(message: unknown, { payloadBytesMax = frameBytesMax } = {}): FrameEncoding {
  let payload: Buffer;
  try {
    payload = Buffer.from(canonicalJson(message), "utf8");
  } catch (error) {
    return { ok: false, error: `not encodable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (payload.length > payloadBytesMax) {
    return { ok: false, error: `${payload.length} bytes exceeds the ${payloadBytesMax}-byte frame limit` };
  }
  return { ok: true, frame: encodeFrame(payload, { payloadBytesMax }) };
}

/**
 * Buffers the stream in one growable byte array (live bytes in [start, end)),
 * so memory stays within about twice the largest partial frame however the
 * peer chunks its bytes: trickling one byte per packet costs no per-chunk
 * bookkeeping.
 */
export class FrameDecoder {
  private bytes = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private payloadLength: number | null = null;
  private failure: FrameError | null = null;

  constructor(private readonly payloadBytesMax: number = frameBytesMax) {}

  /** Accepts any chunking of the stream; returns the frames it completes. */
  push(chunk: Uint8Array): FramePush {
    if (this.failure !== null) return { frames: [], error: this.failure };
    this.append(chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.payloadLength === null) {
        if (this.bufferedBytes < frameHeaderBytes) break;
        const length = new DataView(this.bytes.buffer, this.start, frameHeaderBytes).getUint32(0, false);
        if (length > this.payloadBytesMax) return this.fail({ kind: "Oversized", length }, frames);
        this.start += frameHeaderBytes;
        this.payloadLength = length;
      }
      if (this.bufferedBytes < this.payloadLength) break;
      // A copy: callers may keep frames while this buffer is reused.
      frames.push(this.bytes.slice(this.start, this.start + this.payloadLength));
      this.start += this.payloadLength;
      this.payloadLength = null;
    }
    if (this.start === this.end) this.reset();
    return { frames, error: null };
  }

  /** Bytes held for an incomplete frame (for tests and back-pressure metrics). */
  get bufferedBytes(): number {
    return this.end - this.start;
  }

  private append(chunk: Uint8Array): void {
    const live = this.bufferedBytes;
    if (this.end + chunk.length > this.bytes.length) {
      if (live + chunk.length <= this.bytes.length) {
        this.bytes.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(live + chunk.length, this.bytes.length * 2));
        grown.set(this.bytes.subarray(this.start, this.end));
        this.bytes = grown;
      }
      this.start = 0;
      this.end = live;
    }
    this.bytes.set(chunk, this.end);
    this.end += chunk.length;
    assert(this.end <= this.bytes.length, "FrameDecoder: append overran its buffer");
  }

  /** Keeps a small buffer for reuse; releases one grown by a large frame. */
  private reset(): void {
    if (this.bytes.length > bufferKeptBytes) this.bytes = new Uint8Array(0);
    this.start = 0;
    this.end = 0;
  }

  private fail(error: FrameError, frames: Uint8Array[]): FramePush {
    this.failure = error;
    this.bytes = new Uint8Array(0);
    this.start = 0;
    this.end = 0;
    return { frames, error };
  }
}

/** Buffer capacity kept between frames; above it the buffer is released when empty. */
const bufferKeptBytes = 64 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Deepest JSON nesting accepted. The deepest valid message is 14 levels (a
 * NewView's view-change's prepared certificate's pre-prepare's proposal's
 * client request's write); deeper input is rejected before anything recursive
 * (schema decoding, error rendering) can overflow the stack on it.
 */
export const jsonDepthMax = 32;

/** Untrusted payload bytes to a typed message, or a one-line reason (for "suspected" evidence). */
export function decodeSignedMessage(bytes: Uint8Array): DecodeResult<SignedMessage> {
  const json = parsePayload(bytes);
  return json.ok ? decodeWith(SignedMessage, json.value) : json;
}

/** Untrusted payload bytes to JSON no deeper than `jsonDepthMax`, or a one-line reason. */
export function parsePayload(bytes: Uint8Array): DecodeResult<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown";
    return { ok: false, error: `not UTF-8 JSON: ${reason}` };
  }
  if (!depthAtMost(json, jsonDepthMax)) return { ok: false, error: `JSON nested deeper than ${jsonDepthMax}` };
  return { ok: true, value: json };
}

/** Iterative (an explicit stack), so it cannot itself overflow on hostile nesting. */
function depthAtMost(root: unknown, depthMax: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [value, depth] = top;
    if (value === null || typeof value !== "object") continue;
    if (depth + 1 > depthMax) return false;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return true;
}
