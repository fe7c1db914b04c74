/**
 * What the cluster tool reads off its running nodes (HTTP) and its logs:
 * status and CPU, message counts from /metrics, the coordinator's merged
 * faulty list, and one message log merged from every node's JSON lines.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { protocolConfigOf, type ClusterConfig } from "../cluster-config.js";
import { aggregateFaulty } from "../faulty-aggregate.js";
import type { FaultyEntry } from "../faulty-list.js";
import { publicKeyMap } from "../keys.js";
import { cachedVerifier, makeNodeEnv } from "../node-env.js";
import { getJson } from "../http-json.js";

export interface NodeEndpoint { readonly name: string; readonly url: string }

export interface NodeSample {
  readonly name: string;
  readonly status: Record<string, unknown> | null;
  readonly cpuMs: number;
  readonly sent: number;
  /** Bytes written to peer sockets. */
  readonly peerBytesSent: number;
  /** Ed25519 operations run (cache misses). */
  readonly signs: number;
  readonly verifies: number;
  /** Saves of the node state (each one flushed to disk). */
  readonly persists: number;
  /** False when the node answered neither its status nor its metrics: its counters above are 0, not known. */
  readonly sampled: boolean;
}

/** Attempts per node, and each one's timeout: a node busy on a loaded machine answers late, not never. */
const sampleAttempts = 3;
const sampleTimeoutMs = 10_000;

/** Sum of `byzcommit_messages_sent_total` over kinds, from Prometheus text. */
export function sentTotal(metrics: string): number {
  return metricSum(metrics, "byzcommit_messages_sent_total");
}

/** Sum of the series of `name` whose labels contain `labels` (e.g. `op="sign"`), from Prometheus text. */
export function metricSum(metrics: string, name: string, labels = ""): number {
  let total = 0;
  for (const line of metrics.split("\n")) {
    if (!line.startsWith(name) || (line[name.length] !== "{" && line[name.length] !== " ")) continue;
    if (labels !== "" && !line.includes(labels)) continue;
    total += Number(line.split(" ").pop()) || 0;
  }
  return total;
}

export async function sampleNodes(nodes: readonly NodeEndpoint[]): Promise<NodeSample[]> {
  return Promise.all(nodes.map(async (node) => {
    let [status, metrics] = await Promise.all([
      getJson(`${node.url}/status`, sampleTimeoutMs), getJson(`${node.url}/metrics`, sampleTimeoutMs)]);
    for (let attempt = 1; attempt < sampleAttempts && !(status.ok && metrics.ok); attempt++) {
      [status, metrics] = await Promise.all([
        getJson(`${node.url}/status`, sampleTimeoutMs), getJson(`${node.url}/metrics`, sampleTimeoutMs)]);
    }
    const body = status.ok && status.status === 200 ? status.body as Record<string, unknown> : null;
    const text = metrics.ok ? metrics.text : "";
    return {
      name: node.name, status: body, cpuMs: typeof body?.["cpuMs"] === "number" ? body["cpuMs"] : 0,
      sent: sentTotal(text), peerBytesSent: metricSum(text, "byzcommit_bytes_sent_total", 'channel="peer"'),
      signs: metricSum(text, "byzcommit_signatures_total", 'op="sign"'),
      verifies: metricSum(text, "byzcommit_signatures_total", 'op="verify"'),
      persists: metricSum(text, "byzcommit_persist_seconds_count"),
      sampled: body !== null && metrics.ok,
    };
  }));
}

export interface FaultySample {
  readonly faulty: readonly FaultyEntry[];
  /** Who merged it: the coordinator, or this tool when the coordinator did not answer (an overloaded C). */
  readonly source: "coordinator" | "participants";
  readonly unreachable: readonly string[];
}

/**
 * The coordinator's merged faulty list; failing that, the same merge done here, proofs re-checked with the
 * cluster's keys.
 */
export async function faultyList(
  coordinator: NodeEndpoint, participants: readonly NodeEndpoint[], cluster: ClusterConfig,
): Promise<FaultySample> {
  const response = await getJson(`${coordinator.url}/faulty`, 10_000);
  const faulty = response.ok ? (response.body as { faulty?: unknown }).faulty : undefined;
  if (Array.isArray(faulty)) return { faulty: faulty as FaultyEntry[], source: "coordinator", unreachable: [] };
  const keys = publicKeyMap(cluster);
  if (!keys.ok) return { faulty: [], source: "participants", unreachable: participants.map((p) => p.name) };
  const env = makeNodeEnv(protocolConfigOf(cluster), cachedVerifier(keys.value));
  const merged = await aggregateFaulty([], participants, env, cluster.n);
  return { ...merged, source: "participants" };
}

/** Merges `<logDir>/*.jsonl` into one file ordered by time (stable per node); returns its path. */
export function mergeLogs(logDir: string, file: string): string {
  const lines: { t: number; line: string }[] = [];
  if (existsSync(logDir)) {
    for (const name of readdirSync(logDir).filter((n) => n.endsWith(".jsonl")).sort()) {
      for (const line of readFileSync(path.join(logDir, name), "utf8").split("\n")) {
        const t = /^\{"t":(\d+)/.exec(line)?.[1];
        if (t !== undefined) lines.push({ t: Number(t), line });
      }
    }
  }
  lines.sort((a, b) => a.t - b.t);
  writeFileSync(file, lines.map((l) => `${l.line}\n`).join(""));
  return file;
}
