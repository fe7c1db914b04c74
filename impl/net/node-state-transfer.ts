/**
 * A node's chunked state transfer (state-transfer-send.ts, state-transfer-fetch.ts)
 * wired to its transport, driver and log. Only participants hold replicas; on the
 * coordinator every transfer message is ignored.
 */
import type { NodeId, Signed, StateReply } from "../../spec/messages.js";
import type { TransferMessage } from "../../spec/transfer-messages.js";
import { assertNever } from "../core/assert.js";
import type { NodeState } from "../core/types.js";
import type { MessageLog } from "./message-log.js";
import type { NodeMetrics } from "./node-metrics.js";
import { StateTransferFetch } from "./state-transfer-fetch.js";
import { StateTransferSend } from "./state-transfer-send.js";
import { asNodeId } from "../../spec/ids.js";

export const tickMs = 250;

export interface NodeStateTransferDeps {
  readonly self: NodeId;
  readonly participantCount: number;
  readonly state: () => NodeState;
  readonly send: (to: NodeId, frame: Uint8Array) => void;
  readonly deliver: (from: NodeId, reply: Signed<StateReply>) => void;
  readonly log: MessageLog;
  readonly metrics: NodeMetrics;
}

export interface NodeStateTransfer {
  offer(to: NodeId, reply: Signed<StateReply>): void;
  onTransfer(from: NodeId, message: TransferMessage): void;
  close(): void;
}

export function makeNodeStateTransfer(deps: NodeStateTransferDeps): NodeStateTransfer {
  const { log, metrics } = deps;
  const participant = (): boolean => deps.state().role === "participant";
  const serve = new StateTransferSend({
    send: deps.send,
    snapshot: (seq) => {
      const state = deps.state();
      return state.role === "participant" ? state.snapshots.find((s) => s.seq === seq)?.replica ?? null : null;
    },
    unsendable: (to, kind, reason) => {
      metrics.unsendable.inc({ kind });
      log.write("unsendable", { to, kind, reason });
    },
  });
  const peers = Array.from({ length: deps.participantCount }, (_, id) => asNodeId(id)).filter((id) => id !== deps.self);
  const fetch = new StateTransferFetch({
    peers, send: deps.send, now: () => Date.now(),
    deliver: deps.deliver,
    lastExecuted: () => { const state = deps.state(); return state.role === "participant" ? state.lastExecuted : 0; },
    log: (event, fields) => log.write(event, fields),
  });
  const timer = setInterval(() => fetch.tick(), tickMs);
  timer.unref();
  return {
    offer: (to, reply) => {
      serve.offer(to, reply);
      metrics.sent.inc({ kind: "StateManifest" });
      log.write("send", { to, kind: "StateManifest", seq: reply.body.seq });
    },
    onTransfer: (from, message) => {
      if (!participant()) return;
      metrics.received.inc({ kind: message.kind });
      switch (message.kind) {
        case "StateManifest": return fetch.onManifest(from, message);
        case "StateChunkRequest": return serve.onChunkRequest(from, message);
        case "StateChunk": return fetch.onChunk(from, message);
        case "MessageFragment": return; // joined by the transport (inbound.ts), never handed on
        default: return assertNever(message);
      }
    },
    close: () => clearInterval(timer),
  };
}
