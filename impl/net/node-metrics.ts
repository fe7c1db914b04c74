/**
 * The metrics a node exposes on GET /metrics. Gauges read the node's books at
 * scrape time; counters and histograms are updated as things happen.
 */
import type { FaultyList } from "./faulty-list.js";
import { Counter, Gauge, Histogram, Registry } from "./metrics.js";
import type { HttpByteCounters } from "./node-http.js";
import { addProcessMetrics } from "./process-metrics.js";

/** Client latency buckets, seconds: loopback commits take milliseconds, a view change seconds. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const persistBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** Ed25519 operations this process actually ran (cache misses only), counted where they happen (node.ts). */
export interface CryptoCounts { sign: number; verify: number }

export interface NodeGauges {
  readonly crypto?: CryptoCounts;
  /** Outcome records held (outcome-retention.ts): C's txn book, a participant's signed confirmations. */
  readonly outcomeRecords?: () => number;
  readonly view: () => number;
  readonly lastExecuted: () => number;
  readonly faulty: FaultyList;
  /**
   * What the node holds, by structure (node-views.ts `heldItems`): the lengths of the core state's lists and the
   * store's entries, so a soak can tell which one grows with history.
   */
  readonly held?: () => Readonly<Record<string, number>>;
}

export class NodeMetrics {
  readonly registry = new Registry();
  readonly sent = this.registry.add(
    new Counter("byzcommit_messages_sent_total", "Signed protocol messages sent, by kind."));
  readonly received = this.registry.add(
    new Counter("byzcommit_messages_received_total", "Protocol messages received and decoded, by kind."));
  readonly txns = this.registry.add(new Counter("byzcommit_txns_total",
    "Transactions with an outcome: replies to the client at the coordinator, executed transactions at a participant."));
  readonly latency = this.registry.add(
    new Histogram("byzcommit_txn_latency_seconds", "Submit to reply at the coordinator.", latencyBuckets));
  readonly persist = this.registry.add(
    new Histogram("byzcommit_persist_seconds", "Durable writes of the node state (flushed).", persistBuckets));
  /** One per connection the transport dropped with a suspicion (node-ports.ts counts them). */
  readonly rejected = this.registry.add(new Counter("byzcommit_connections_dropped_total",
    "Connections dropped by the transport with a suspicion, by fault."));
  readonly framesRejected = this.registry.add(new Counter("byzcommit_frames_rejected_total",
    "Frames the transport refused (oversized, garbage, wrong signer, too costly, bad hello), by fault."));
  readonly unsendable = this.registry.add(new Counter("byzcommit_messages_unsendable_total",
    "Messages the core sent that exceed the frame limit, by kind: reported and dropped, never thrown."));
  readonly bytesReceived = this.registry.add(new Counter("byzcommit_bytes_received_total",
    "Bytes read, by channel: peer (protocol TCP) or http."));
  readonly bytesSent = this.registry.add(new Counter("byzcommit_bytes_sent_total",
    "Bytes written, by channel: peer (frames handed to the socket) or http (response bodies)."));
  readonly httpBytes: HttpByteCounters = {
    received: (bytes) => this.bytesReceived.inc({ channel: "http" }, bytes),
    sent: (bytes) => this.bytesSent.inc({ channel: "http" }, bytes),
  };

  constructor(gauges: NodeGauges) {
    addProcessMetrics(this.registry);
    const crypto = gauges.crypto;
    if (crypto !== undefined) {
      this.registry.add(new Gauge("byzcommit_signatures_total", "Ed25519 operations run (cache misses), by op.", () => [
        { labels: { op: "sign" }, value: crypto.sign }, { labels: { op: "verify" }, value: crypto.verify },
      ], "counter"));
    }
    const outcomeRecords = gauges.outcomeRecords;
    if (outcomeRecords !== undefined) {
      this.registry.add(new Gauge("byzcommit_outcome_records", "Txn records (C) or signed confirmations held.",
        () => [{ labels: {}, value: outcomeRecords() }]));
    }
    const held = gauges.held;
    if (held !== undefined) {
      this.registry.add(new Gauge("byzcommit_held_items", "Items the node holds, by structure.",
        () => Object.entries(held()).map(([what, value]) => ({ labels: { what }, value }))));
    }
    this.registry.add(
      new Gauge("byzcommit_view", "The node's current view.", () => [{ labels: {}, value: gauges.view() }]));
    this.registry.add(new Gauge("byzcommit_last_executed_seq", "Participants: the last seq executed.",
      () => [{ labels: {}, value: gauges.lastExecuted() }]));
    this.registry.add(new Gauge("byzcommit_faulty_nodes", "Nodes this node holds evidence against, by grade.", () => [
      { labels: { grade: "proven" }, value: gauges.faulty.provenNodes().length },
      { labels: { grade: "suspected" }, value: gauges.faulty.suspectedNodes().length },
    ]));
    this.registry.add(new Gauge("byzcommit_faulty", "1 for each node and grade of evidence held against it.", () => [
      ...gauges.faulty.provenNodes().map((node) => ({ labels: { node, grade: "proven" }, value: 1 })),
      ...gauges.faulty.suspectedNodes().map((node) => ({ labels: { node, grade: "suspected" }, value: 1 })),
    ]));
  }
}
