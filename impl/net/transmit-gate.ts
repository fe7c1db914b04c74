/**
 * A filter between a node's driver and its signed sends, deciding which repeats go out
 * (the core repeats on its timers; the driver judges whether a repeat can still help).
 * The coordinator's is the resend pacer (resend-pacer.ts), a participant's the repeat
 * gate (repeat-gate.ts); node.ts wires either in front of `transmit` the same way.
 */
import type { ProtocolConfig } from "../../spec/config.js";
import type { Message, NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState } from "../core/types.js";

export interface TransmitGateDeps {
  readonly protocol: ProtocolConfig;
  readonly tickMs: number;
  readonly state: () => NodeState;
  /** Signs and sends (node-ports.ts `transmit`). */
  readonly transmit: (to: NodeId, message: Message) => void;
}

export interface TransmitGate {
  /** The driver's transmit: the gated kinds as the gate decides, everything else straight through. */
  transmit(to: NodeId, message: Message): void;
  /** A message arrived: it may show progress (a latency sample) or a peer that is stuck. */
  received(from: NodeId, message: SignedMessage): void;
  /** The current stall timeout, in ms (for /status and tests). */
  stallMs(): number;
  stop(): void;
}
