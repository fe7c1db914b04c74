/**
 * The cluster file (`cluster.json`) that every real node and the keys tool read:
 * who the nodes are, where they listen, and their public keys.
 *
 * Node names are the paper's: participants `P0`..`P(n-1)` are ids 0..n-1, the
 * coordinator `C` is id n, the client (`client`) is id n+1 (spec/config.ts).
 * The client has a key but no entry in `nodes`: it connects, it does not listen.
 *
 * Decoding is two steps, both returning one-line errors: the Schema checks the
 * shape, then `clusterProblem` checks relations the Schema cannot see
 * (n >= 3f+1, exactly one entry per node, distinct addresses).
 *
 * Every node listens for peers on `port` and, when `httpPort` is set, serves
 * HTTP there (the client API on C; status, faulty list and metrics on every
 * node). `relayPort` is for test clusters (`npm run cluster`): peers dial it
 * instead of `port`, and a fault-injecting relay forwards to `port`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Schema } from "effect";
import { configProblem, makeProtocolConfig, type ProtocolConfig } from "../../spec/config.js";
import type { NodeId } from "../../spec/messages.js";
import { Result } from "effect";
import { formatIssue } from "../../spec/decode-result.js";
import type { DecodeResult } from "./decode-result.js";
import { asNodeId } from "../../spec/ids.js";

export const clientName = "client";
const nodeNamePattern = /^(P(0|[1-9][0-9]*)|C)$/;
const keyNamePattern = /^(P(0|[1-9][0-9]*)|C|client)$/;

const NodeName = Schema.String.check(
  Schema.isPattern(nodeNamePattern, { message: 'Expected a node name "P0".."P(n-1)" or "C"' }));
const KeyName = Schema.String.check(
  Schema.isPattern(keyNamePattern, { message: 'Expected "P0".."P(n-1)", "C" or "client"' }));
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));
const Port = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65535 }));
const Positive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1));

/** A client's name: it prefixes the client's txn ids (`alice/t1`), which is how its key is found. */
export const clientNamePattern = /^[a-z][a-z0-9_-]{0,31}$/;
const ClientName = Schema.String.check(
  Schema.isPattern(clientNamePattern, { message: "Expected a client name like \"alice\"" }));

/** TLS for the node's HTTP API: PEM files, relative to the config file. */
export const TlsFiles = Schema.Struct({ keyFile: Schema.String, certFile: Schema.String });
export type TlsFiles = typeof TlsFiles.Type;

export const NodeAddress = Schema.Struct({
  id: NodeName,
  /** The advertised address: peers dial it and clients reach the HTTP API there. */
  host: Schema.String,
  /** Where the node binds (e.g. 0.0.0.0 behind NAT); default `host`. */
  listenHost: Schema.optionalKey(Schema.String),
  port: Port,
  /** HTTPS for the HTTP API; required unless the node listens on a loopback address. */
  tls: Schema.optionalKey(TlsFiles),
  /** Where this node serves HTTP (client API on C, status everywhere); none when absent. */
  httpPort: Schema.optionalKey(Port),
  /** Peers dial `host:relayPort` instead of `host:port`: a relay that injects faults sits between. */
  relayPort: Schema.optionalKey(Port),
});
export type NodeAddress = typeof NodeAddress.Type;

export const ClusterConfig = Schema.Struct({
  /** n: participants. */
  n: Count,
  /** f: Byzantine participants tolerated. */
  f: Count,
  nodes: Schema.Array(NodeAddress),
  /** Node name -> base64 of the Ed25519 public key's SPKI DER encoding; written by `npm run keys`. */
  publicKeys: Schema.optionalKey(Schema.Record(KeyName, Schema.String)),
  /**
   * Named clients' public keys (base64 SPKI), written by `npm run keys -- --client NAME`: a txn id
   * `NAME/...` must be signed by NAME's key. Ids without a registered prefix use `publicKeys.client`.
   */
  clients: Schema.optionalKey(Schema.Record(ClientName, Schema.String)),
  /** Where private keys live; relative paths are relative to the config file. Default `keys`. */
  keyDir: Schema.optionalKey(Schema.String),
  /** Where nodes keep their durable stores; relative to the config file. */
  dataDir: Schema.optionalKey(Schema.String),
  /** Txns one client may have pending at the coordinator (HTTP 429 past it); default client-api.ts's. */
  pendingPerClientMax: Schema.optionalKey(Positive),
  /** Seconds a decided txn's record and confirmations are kept at least (outcome-retention.ts); default 3600. */
  outcomeRetentionS: Schema.optionalKey(Positive),
  /** Decided txn records kept at most, per node (outcome-retention.ts); default 100000. */
  outcomesKeptMax: Schema.optionalKey(Positive),
  /** Milliseconds per abstract core tick. */
  tickMs: Schema.optionalKey(Positive),
  /**
   * Overrides of the protocol's defaults (spec/config.ts makeProtocolConfig), checked by `configProblem`.
   * Required (it may be `{}`): every node must run the same window and timers, so they are stated, not assumed.
   */
  protocol: Schema.Struct({
    windowSize: Schema.optionalKey(Positive),
    checkpointInterval: Schema.optionalKey(Positive),
    resendTicks: Schema.optionalKey(Positive),
    viewChangeTicks: Schema.optionalKey(Positive),
    /** Txns per PRE-PREPARE (spec/batch.ts); default 1, no batching. */
    batchSize: Schema.optionalKey(Positive),
    /** How long the coordinator waits to fill a batch before it proposes a partial one (batch-gatherer.ts). */
    batchDelayMs: Schema.optionalKey(Positive),
  }),
});
export type ClusterConfig = typeof ClusterConfig.Type;

/** Every name that signs, in id order: P0..P(n-1), C, client. */
export function signerNames(n: number): string[] {
  return [...Array.from({ length: n }, (_, i) => `P${i}`), "C", clientName];
}

/** `P3` -> 3, `C` -> n, `client` -> n+1; null for a name outside this cluster. */
export function nodeIdOf(name: string, n: number): NodeId | null {
  if (name === "C") return asNodeId(n);
  if (name === clientName) return asNodeId(n + 1);
  const match = /^P(0|[1-9][0-9]*)$/.exec(name);
  if (match?.[1] === undefined) return null;
  const id = Number(match[1]);
  return id < n ? asNodeId(id) : null;
}

export function nodeNameOf(id: NodeId, n: number): string {
  if (id === n) return "C";
  if (id === n + 1) return clientName;
  return `P${id}`;
}

/** The protocol config every node of this cluster runs: the defaults for (n, f) with the file's overrides. */
export function protocolConfigOf(config: ClusterConfig): ProtocolConfig {
  // The batch delay is the driver's (the core has no clock); everything else is the core's config.
  const { batchDelayMs: _delay, ...protocol } = config.protocol;
  return makeProtocolConfig(config.n, config.f, protocol);
}

/** Milliseconds the coordinator waits to fill a batch: the file's, else 5. */
export const batchDelayMsOf = (config: ClusterConfig): number => config.protocol.batchDelayMs ?? batchDelayMsDefault;
export const batchDelayMsDefault = 5;

/** Relations between fields, as one line, or null when the config is usable. */
export function clusterProblem(config: ClusterConfig): string | null {
  const protocolProblem = configProblem(protocolConfigOf(config));
  if (protocolProblem !== null) return protocolProblem;
  const seen = new Set<string>();
  const addresses = new Set<string>();
  for (const [index, node] of config.nodes.entries()) {
    const listen = node.listenHost ?? node.host;
    if (node.httpPort !== undefined && node.tls === undefined && !isLoopback(listen)) {
      return `nodes[${index}]: HTTP on ${listen} needs tls {keyFile, certFile} (plain HTTP only on loopback)`;
    }
    if (nodeIdOf(node.id, config.n) === null) {
      return `nodes[${index}].id: ${node.id} is not a node of a cluster with n = ${config.n}`;
    }
    if (seen.has(node.id)) return `nodes[${index}].id: ${node.id} appears twice`;
    seen.add(node.id);
    for (const port of [node.port, node.httpPort, node.relayPort]) {
      if (port === undefined) continue;
      const address = `${node.host}:${port}`;
      if (addresses.has(address)) return `nodes[${index}]: address ${address} is used twice`;
      addresses.add(address);
    }
  }
  const missing = signerNames(config.n).filter((name) => name !== clientName && !seen.has(name));
  if (missing.length > 0) return `nodes: missing ${missing.join(", ")}`;
  for (const name of Object.keys(config.publicKeys ?? {})) {
    if (nodeIdOf(name, config.n) === null) return `publicKeys.${name}: not a node of a cluster with n = ${config.n}`;
  }
  return null;
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses where plain HTTP is allowed. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Shape then relations; the error names no file (see `loadClusterConfig`). Unknown fields are
 * refused: a misspelt `windowsize` silently ignored would run a node with another window than its peers.
 */
export function decodeClusterConfig(input: unknown): DecodeResult<ClusterConfig> {
  const result = Schema.decodeUnknownResult(ClusterConfig, { onExcessProperty: "error" })(input);
  if (!Result.isSuccess(result)) {
    const error = formatIssue(result.failure.issue, input)
      .replace(/: Expected no excess property, got .*$/, ": unknown field");
    return { ok: false, error };
  }
  const problem = clusterProblem(result.success);
  return problem === null ? { ok: true, value: result.success } : { ok: false, error: problem };
}

/** Reads, parses and decodes a cluster file; every failure is `<file>: <one line>`. */
export function loadClusterConfig(file: string): DecodeResult<ClusterConfig> {
  const name = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, error: `${name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${name}: not JSON: ${(error as Error).message}` };
  }
  const decoded = decodeClusterConfig(json);
  return decoded.ok ? decoded : { ok: false, error: `${name}: ${decoded.error}` };
}

/** The entry of node `id` (the decoder guarantees every node has exactly one). */
export function addressOf(config: ClusterConfig, id: NodeId): NodeAddress {
  const name = nodeNameOf(id, config.n);
  const node = config.nodes.find((entry) => entry.id === name);
  if (node === undefined) throw new RangeError(`cluster config has no node ${name}`);
  return node;
}

/** The node's HTTP API as a URL: https when it has tls. */
export function httpUrlOf(node: NodeAddress): string | null {
  if (node.httpPort === undefined) return null;
  return `${node.tls === undefined ? "http" : "https"}://${node.host}:${node.httpPort}`;
}

/** A directory named in the config, resolved beside the config file. */
export function resolveBeside(configFile: string, dir: string): string {
  return path.resolve(path.dirname(configFile), dir);
}
