/** Addressing helpers: the core describes sends, the driver signs and delivers them. */
import type { Message, NodeId } from "../../spec/messages.js";
import type { Output } from "./types.js";
import { asNodeId } from "../../spec/ids.js";

/** PBFT multicasts to all replicas; a node's own vote is counted through its slot phase, not a self-send. */
export function toOtherParticipants(self: NodeId, n: number, message: Message): Output[] {
  const out: Output[] = [];
  for (let to = 0; to < n; to++) if (to !== self) out.push({ kind: "Send", to: asNodeId(to), message });
  return out;
}

export function toAllParticipants(n: number, message: Message): Output[] {
  const out: Output[] = [];
  for (let to = 0; to < n; to++) out.push({ kind: "Send", to: asNodeId(to), message });
  return out;
}
