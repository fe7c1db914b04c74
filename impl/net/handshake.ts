/**
 * Who is on the other end of an inbound connection (challenge-response).
 *
 * 1. The listener sends `Challenge { node: its id, nonce }` with a fresh random nonce.
 * 2. The dialer checks it reached the node it meant to, and answers with
 *    `Hello { from, to, nonce }` signed by its own key.
 * 3. The listener accepts the connection as coming from `from` only if the
 *    signature verifies, `to` is itself and the nonce is the one it just sent:
 *    a Hello captured on another connection, or sent to another node, is useless.
 *
 * Protocol messages are signed anyway; what the handshake adds is a name for
 * the connection, so garbage, oversized frames and frames signed by someone
 * else are charged to a known sender (or to no one, before the handshake) and
 * the connection can be dropped. The schemas live here, not in spec/, because
 * they are transport, not protocol; they may move to spec/ with the wire format.
 */
import { randomBytes } from "node:crypto";
import { Schema } from "effect";
import { canonicalJson } from "../../spec/canonical.js";
import { Signed, type NodeId } from "../../spec/messages.js";
import { type DecodeResult, decodeWith } from "./decode-result.js";
import { encodeFrame } from "./frame.js";
import type { Sign, Verify } from "./signer.js";
import { asNodeId } from "../../spec/ids.js";

export const Challenge = Schema.Struct({ kind: Schema.Literal("Challenge"), node: Schema.Int, nonce: Schema.String });
export const Hello = Signed(Schema.Struct({
  kind: Schema.Literal("Hello"), from: Schema.Int, to: Schema.Int, nonce: Schema.String,
}));
export type Challenge = typeof Challenge.Type;
export type Hello = typeof Hello.Type;

/** A connection that has not completed the handshake within this is dropped (slow-loris). */
export const handshakeMsMax = 5_000;

/**
 * The largest frame accepted before the handshake (a Challenge or a Hello is about 250 bytes):
 * a stranger can make us buffer this much per connection, not a full protocol frame.
 */
export const helloBytesMax = 4 * 1024;

export type HelloSplit =
  | { readonly kind: "more" }
  | { readonly kind: "oversized"; readonly length: number }
  | { readonly kind: "frame"; readonly hello: Uint8Array; readonly rest: Uint8Array };

/**
 * The first frame of a stream (frame.ts's format: 4-byte big-endian length, payload) and the bytes after
 * it, which already belong to the protocol stream; checked against `helloBytesMax` at the header.
 */
export function splitHello(bytes: Uint8Array): HelloSplit {
  if (bytes.length < 4) return { kind: "more" };
  const length = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  if (length > helloBytesMax) return { kind: "oversized", length };
  if (bytes.length < 4 + length) return { kind: "more" };
  return { kind: "frame", hello: bytes.subarray(4, 4 + length), rest: bytes.subarray(4 + length) };
}

export function makeChallenge(self: NodeId): Challenge {
  return { kind: "Challenge", node: self, nonce: randomBytes(16).toString("base64") };
}

export function jsonFrame(value: unknown): Uint8Array {
  return encodeFrame(Buffer.from(canonicalJson(value), "utf8"));
}

function parseJson(bytes: Uint8Array): DecodeResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(bytes).toString("utf8")) };
  } catch {
    return { ok: false, error: "not JSON" };
  }
}

/** Dialer side: the challenge must come from the node we dialled; the answer is our signed Hello. */
export function answerChallenge(bytes: Uint8Array, self: NodeId, peer: NodeId, sign: Sign): DecodeResult<Hello> {
  const json = parseJson(bytes);
  if (!json.ok) return json;
  const challenge = decodeWith(Challenge, json.value);
  if (!challenge.ok) return challenge;
  if (challenge.value.node !== peer) {
    return { ok: false, error: `reached node ${challenge.value.node}, expected ${peer}` };
  }
  return { ok: true, value: sign({ kind: "Hello" as const, from: self, to: peer, nonce: challenge.value.nonce }) };
}

/**
 * Listener side: the authenticated sender, or why not. `isPeer` says which ids
 * may open a protocol connection (participants and the coordinator, never the client).
 */
export function checkHello(
  bytes: Uint8Array, challenge: Challenge, isPeer: (id: NodeId) => boolean, verify: Verify,
): DecodeResult<NodeId> {
  const json = parseJson(bytes);
  if (!json.ok) return json;
  const hello = decodeWith(Hello, json.value);
  if (!hello.ok) return hello;
  const { body, signer } = hello.value;
  if (signer !== body.from || !isPeer(asNodeId(body.from))) {
    return { ok: false, error: `hello from unknown sender ${body.from}` };
  }
  if (body.to !== challenge.node || body.nonce !== challenge.nonce) {
    return { ok: false, error: "hello answers another challenge (replayed?)" };
  }
  if (!verify(hello.value)) return { ok: false, error: `hello signature of ${body.from} fails verification` };
  return { ok: true, value: asNodeId(body.from) };
}
