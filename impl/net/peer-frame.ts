/**
 * What a frame from an authenticated peer may hold: a signed protocol message
 * (for the core), or a state-transfer message (spec/transfer-messages.ts, for
 * the runtime). They are told apart by shape: a signed message is an envelope
 * `{ body, signer, signature }`, a transfer message has a top-level `kind`.
 */
import { SignedMessage } from "../../spec/messages.js";
import { TransferMessage, transferKinds } from "../../spec/transfer-messages.js";
import { type DecodeResult, decodeWith } from "./decode-result.js";
import { parsePayload } from "./frame.js";

export type PeerFrame =
  | { readonly kind: "protocol"; readonly message: SignedMessage }
  | { readonly kind: "transfer"; readonly message: TransferMessage };

export function decodePeerFrame(bytes: Uint8Array): DecodeResult<PeerFrame> {
  const json = parsePayload(bytes);
  if (!json.ok) return json;
  const value = json.value;
  const kind = typeof value === "object" && value !== null && "kind" in value ? value.kind : undefined;
  if (transferKinds.some((k) => k === kind)) {
    const transfer = decodeWith(TransferMessage, value);
    return transfer.ok ? { ok: true, value: { kind: "transfer", message: transfer.value } } : transfer;
  }
  const signed = decodeWith(SignedMessage, value);
  return signed.ok ? { ok: true, value: { kind: "protocol", message: signed.value } } : signed;
}
