/**
 * Where a node's effects go (the driver's ports): signing and framing what
 * the core sends, the durable store, the client book, the faulty list, the
 * metrics and the message log. Every message sent or received is logged here.
 *
 * Each distinct message is signed and framed once (signing-cache.ts). A
 * message too big for a frame goes as fragments (message-fragments.ts); one too
 * big even for those is counted and logged as unsendable, and the node goes on:
 * it is lost like a dropped one.
 */
import type { Confirm, Message, NodeId, Signed, SignedMessage, StateReply } from "../../spec/messages.js";
import type { Evidence, NodeState } from "../core/types.js";
import { misbehave, type Behaviour } from "./byzantine.js";
import type { ConfirmationBook } from "./confirmation-book.js";
import type { FaultyList } from "./faulty-list.js";
import { summarize, type MessageLog } from "./message-log.js";
import type { Decided, DriverPorts, Replied } from "./node-driver.js";
import type { NodeMetrics } from "./node-metrics.js";
import type { NodeStateStore } from "./node-state-store.js";
import type { Sign } from "./signer.js";
import { makeSigningCache } from "./signing-cache.js";
import { seqMarkOf } from "./watermark-cache.js";
import type { TransportSuspicion } from "./transport-events.js";
import type { TxnBook } from "./txn-book.js";

export interface NodePortsDeps {
  readonly self: NodeId;
  readonly n: number;
  readonly behaviour: Behaviour;
  readonly sign: Sign;
  readonly store: NodeStateStore;
  readonly log: MessageLog;
  readonly metrics: NodeMetrics;
  readonly faulty: FaultyList;
  readonly book: TxnBook;
  readonly confirmations: ConfirmationBook;
  /** `mark`: the seq the framed message is for, if any (frame-ring.ts). */
  readonly send: (to: NodeId, frame: Uint8Array, mark: number | null) => void;
  /** A STATE-REPLY goes as a manifest and chunks (state-transfer-send.ts), whatever its size. */
  readonly sendState: (to: NodeId, reply: Signed<StateReply>) => void;
  readonly deliverToSelf: (message: SignedMessage) => void;
  readonly resume: () => void;
  /** The node's low watermark h: the signing cache drops messages for seqs below it (watermark-cache.ts). */
  readonly lowWatermark?: () => number;
}

/** The driver's `save` is node.ts's group commit (group-commit.ts), which writes through `commit`. */
export interface NodePorts extends Omit<DriverPorts, "save"> {
  /** Writes the state off the node's thread; resolves once it is durable. */
  commit(state: NodeState): Promise<void>;
  received(from: NodeId, message: SignedMessage): void;
  suspected(suspicion: TransportSuspicion): void;
}

export function makeNodePorts(deps: NodePortsDeps): NodePorts {
  const { log, metrics } = deps;
  const encode = makeSigningCache(deps.sign, undefined, undefined, deps.lowWatermark);
  return {
    transmit: (to: NodeId, message: Message) => {
      for (const actual of misbehave(deps.behaviour, to, message)) {
        const { signed, frames, unsendable } = encode(actual);
        if (actual.kind === "Confirm") deps.confirmations.record(signed as Signed<Confirm>);
        if (to === deps.self) deps.deliverToSelf(signed);
        else if (actual.kind === "StateReply") deps.sendState(to, signed as Signed<StateReply>);
        else if (frames !== null) for (const frame of frames) deps.send(to, frame, seqMarkOf(actual));
        else {
          // Lost like a dropped message: the core's resends and view changes cover it. Reported, never thrown.
          metrics.unsendable.inc({ kind: actual.kind });
          log.write("unsendable", { to, ...summarize(actual), reason: unsendable });
          continue;
        }
        metrics.sent.inc({ kind: actual.kind });
        log.write("send", { to, ...summarize(actual) });
      }
    },
    commit: async (state: NodeState) => {
      const started = process.hrtime.bigint();
      await deps.store.commit(state);
      metrics.persist.observe(Number(process.hrtime.bigint() - started) / 1e9);
    },
    decided: (decision: Decided) => {
      if (decision.txn !== null && decision.outcome !== null) metrics.txns.inc({ outcome: decision.outcome });
      log.write("decide", { seq: decision.seq, txn: decision.txn, outcome: decision.outcome });
    },
    replied: (reply: Replied) => {
      const record = deps.book.decide(reply.txn, reply.outcome, reply.confirmations, Date.now());
      metrics.txns.inc({ outcome: reply.outcome });
      if (record?.decidedAt != null) metrics.latency.observe((record.decidedAt - record.submittedAt) / 1000);
      const confirmations = reply.confirmations.map((c) => c.signer);
      log.write("reply", { txn: reply.txn, outcome: reply.outcome, confirmations });
    },
    reported: (evidence: Evidence) => {
      deps.faulty.fromCore(evidence);
      log.write("report", {
        against: evidence.against, grade: evidence.grade, reason: evidence.reason, detail: evidence.detail,
      });
    },
    drained: () => deps.resume(),
    received: (from: NodeId, message: SignedMessage) => {
      metrics.received.inc({ kind: message.body.kind });
      log.write("recv", { from, ...summarize(message.body) });
    },
    suspected: (suspicion: TransportSuspicion) => {
      deps.faulty.fromTransport(suspicion);
      metrics.rejected.inc({ fault: suspicion.fault });
      log.write("suspect", {
        against: suspicion.against, fault: suspicion.fault, detail: suspicion.detail, remote: suspicion.remote,
      });
    },
  };
}
