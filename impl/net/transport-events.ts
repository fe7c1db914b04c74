/**
 * What the transport reports to the node: delivered messages, and suspicions
 * about bytes that never became one. These are operating events, values rather
 * than exceptions (STYLE.md): a hostile peer is an expected case.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import type { TransferMessage } from "../../spec/transfer-messages.js";

export type TransportFault =
  | "handshake"       // no valid Hello in time, a Hello for another challenge (replayed), or an unknown sender
  | "oversized"       // a frame header announcing more than the limit: the stream cannot be resynchronised
  | "garbage"         // a frame that is not a well-formed signed message
  | "wrong-signer"    // a frame signed by someone other than the authenticated sender (a replay or a relay)
  | "costly"          // an authenticated peer spent its budget of large or slow-to-decode frames
  | "capacity";       // too many connections (before the handshake, or in all): refused unread

export interface TransportSuspicion {
  /** The authenticated sender, or null before the handshake (the remote address names it then). */
  readonly against: NodeId | null;
  readonly fault: TransportFault;
  readonly detail: string;
  readonly remote: string;
  /** Frames refused with it: 1 for a bad frame, 0 for a timeout or a refused connection. */
  readonly frames: number;
}

export interface TransportEvents {
  /** Returns false when the node's input queue is full: the transport pauses reading until `resume`. */
  onMessage(from: NodeId, message: SignedMessage): boolean;
  /** A state-transfer manifest, chunk request or chunk from an authenticated peer (unsigned: checked by digest). */
  onTransfer(from: NodeId, message: TransferMessage): void;
  onSuspicion(suspicion: TransportSuspicion): void;
  /** Bytes read from or written to peer sockets, for /metrics. */
  onBytes?(direction: "in" | "out", bytes: number): void;
  /** Connections coming and going, for the log. */
  onLink(event: { readonly peer: NodeId; readonly direction: "in" | "out"; readonly up: boolean }): void;
}
