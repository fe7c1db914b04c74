/**
 * A test cluster's files in a fresh directory: cluster.json (every node on
 * 127.0.0.1, with free ports for the protocol, the relay and HTTP) and the
 * keys of every signer (keys.ts), exactly as `npm run keys` writes them.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { signerNames, clientName, loadClusterConfig, type ClusterConfig } from "../cluster-config.js";
import { writeClusterKeys } from "../keys.js";
import type { DecodeResult } from "../decode-result.js";
import { freePorts, loopback } from "./free-ports.js";

export interface ClusterShape {
  readonly n: number;
  readonly f: number;
  readonly tickMs: number;
  readonly windowSize: number;
  readonly checkpointInterval: number;
  readonly viewChangeTicks: number;
  /** Txns per PRE-PREPARE and the coordinator's wait to fill one (spec/batch.ts); absent: no batching. */
  readonly batch?: { readonly size: number; readonly delayMs: number };
  /** Route peer connections through a relay (relayPort) or connect directly. */
  readonly relay: boolean;
}

export async function writeClusterFiles(
  dir: string, shape: ClusterShape,
): Promise<DecodeResult<{ configFile: string; cluster: ClusterConfig }>> {
  const names = signerNames(shape.n).filter((name) => name !== clientName);
  const ports = await freePorts(names.length * 3);
  const port = (i: number): number => ports[i] as number;
  const cluster: ClusterConfig = {
    n: shape.n, f: shape.f, tickMs: shape.tickMs, keyDir: "keys", dataDir: "data",
    protocol: {
      windowSize: shape.windowSize, checkpointInterval: shape.checkpointInterval,
      viewChangeTicks: shape.viewChangeTicks,
      ...(shape.batch === undefined ? {} : { batchSize: shape.batch.size, batchDelayMs: shape.batch.delayMs }),
    },
    nodes: names.map((id, i) => ({
      id, host: loopback, port: port(3 * i), httpPort: port(3 * i + 1),
      ...(shape.relay ? { relayPort: port(3 * i + 2) } : {}),
    })),
  };
  const configFile = path.join(dir, "cluster.json");
  writeFileSync(configFile, `${JSON.stringify(cluster, null, 2)}\n`);
  const keys = writeClusterKeys(configFile, { force: false });
  if (!keys.ok) return keys;
  // Read back: the file now holds every signer's public key, which the client side needs to check signatures.
  const written = loadClusterConfig(configFile);
  return written.ok ? { ok: true, value: { configFile, cluster: written.value } } : written;
}
