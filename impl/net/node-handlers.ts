/** The node's HTTP handlers (node-http.ts routes to them), built from its books and state. */
import type { Confirm, Signed } from "../../spec/messages.js";
import { confirmedOutcome } from "../../spec/batch.js";
import type { Env, NodeState } from "../core/types.js";
import { makeClientApi, type ClientApiDeps } from "./client-api.js";
import { httpUrlOf, type ClusterConfig } from "./cluster-config.js";
import { aggregateFaulty } from "./faulty-aggregate.js";
import type { FaultyList } from "./faulty-list.js";
import type { NodeHttpHandlers } from "./node-http.js";
import type { NodeMetrics } from "./node-metrics.js";
import { replicaOf, statusOf } from "./node-views.js";
import { recordedOutcome } from "./outcome-retention.js";

export interface NodeHandlersDeps {
  readonly name: string;
  readonly behaviour: string;
  readonly cluster: ClusterConfig;
  readonly env: Env;
  readonly faulty: FaultyList;
  readonly metrics: NodeMetrics;
  readonly state: () => NodeState;
  /** A participant's signed confirmation for a txn it executed, or null. */
  readonly confirmation: (txn: string) => Signed<Confirm> | null;
  /** Confirmations this process sent, by outcome (the core keeps only those above its window). */
  readonly confirmationsSent: () => { readonly commit: number; readonly abort: number };
  /** The coordinator's client side; null on participants. */
  readonly client: ClientApiDeps | null;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function makeNodeHandlers(deps: NodeHandlersDeps): NodeHttpHandlers {
  const { name, cluster } = deps;
  const sources = cluster.nodes
    .filter((node) => node.id !== "C" && node.httpPort !== undefined)
    .map((node) => ({ name: node.id, url: httpUrlOf(node) ?? "" }));
  return {
    // CPU time lets the cluster tool report CPU per transaction across processes.
    status: () => {
      const state = deps.state();
      const sent = state.role === "participant" ? { confirmations: deps.confirmationsSent() } : {};
      return { ...statusOf(state, name, deps.behaviour), ...sent, cpuMs: cpuMs() };
    },
    replica: () => replicaOf(deps.state(), name),
    faulty: async (scope) => {
      const own = deps.faulty.list();
      if (scope === "local" || deps.client === null) return { node: name, faulty: own };
      const merged = await aggregateFaulty(own, sources, deps.env, cluster.n);
      return { node: name, scope: "cluster", ...merged };
    },
    metrics: () => deps.metrics.registry.render(),
    confirmation: (txn) => {
      const state = deps.state();
      const confirm = state.role === "participant" ? deps.confirmation(txn) : null;
      const executed = state.role === "participant" ? recordedOutcome(state.replica.outcomes, txn) : null;
      if (confirm === null && executed !== null) {
        // Pruned (outcome-retention.ts): the outcome is known, the signed confirmation is not kept.
        const error = `the confirmation of ${txn} expired here; the replica recorded ${executed.outcome}`;
        return { status: 410, body: { node: name, txn, status: "expired", outcome: executed.outcome,
          seq: executed.seq, error } };
      }
      if (confirm === null) {
        // Past its signed expiry the replica prunes its record too (impl/core/replica.ts): then nothing is known.
        return { status: 404, body: { error: `no confirmation of ${txn} here (unknown, or expired and pruned)` } };
      }
      return {
        status: 200,
        body: {
          node: name, txn, status: confirmedOutcome(confirm.body, txn), seq: confirm.body.seq, confirmation: confirm,
        },
      };
    },
    client: deps.client === null ? null : makeClientApi(deps.client),
  };
}
