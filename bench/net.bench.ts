/**
 * The real runtime on loopback (`npm run bench -- net [--txns N] [--only 4|7]`): n+1 node
 * processes, signed TCP, durable LMDB state, the workload through the coordinator's HTTP
 * API, no injected faults and no relay. For n = 4 and n = 7 it reports txn/s, client
 * p50/p99 latency, messages and peer bytes per txn, CPU per txn (all node processes), the
 * Ed25519 operations the busiest node ran per txn (from its /metrics), and the ratio of
 * txn/s to the signature bound (signature-bound.ts) computed from the sign and verify
 * rates measured at the start of the same run and the cores this machine has.
 *
 * Each n runs twice: batching off (one txn per pre-prepare) and on (up to `batchOn.size`
 * txns per pre-prepare, the coordinator waiting up to `batchOn.delayMs` to fill one,
 * impl/net/batch-gatherer.ts); the bound of each row is for its own batch size.
 * `--batch off|on` runs one of the two. `--concurrency N` sets the workload's clients in flight
 * (default 32), `--batch-size N` the txns per PRE-PREPARE with batching on (default 16),
 * `--batch-delay-ms N` the coordinator's wait to fill a batch (default 5): with concurrency
 * well above the batch size (e.g. 128 for 16), batches fill up. "txns/seq" is the mean batch:
 * txns acknowledged over seqs P0 executed in the run. "saves/txn" counts the saves of node
 * state (each flushed to disk), all nodes.
 */
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { availableParallelism } from "node:os";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { canonicalJson } from "../spec/canonical.js";
import { summarize } from "../impl/net/cluster/cluster-report.js";
import {
  checkpointIntervalFor, defaultClusterOptions, runCluster, windowSizeFor,
} from "../impl/net/cluster/cluster-run.js";
import { signatureBound, type CryptoRates } from "./signature-bound.js";

const concurrencyDefault = 32;
const configs = [
  { n: 4, f: 1, txns: 400 },
  { n: 7, f: 2, txns: 200 },
] as const;
/** Batching on: the workload's concurrency is 32, so batches of up to 16 keep two in flight. */
const batchOnDefault = { size: 16, delayMs: 5 } as const;

/** Operations per second on one core for `op`, run for about a second. */
function perSecond(op: () => void): number {
  for (let i = 0; i < 200; i++) op(); // warm-up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    for (let i = 0; i < 100; i++) op();
    count += 100;
  }
  return count / ((performance.now() - started) / 1000);
}

/** Ed25519 sign and verify rates for a typical vote, through node:crypto as the runtime does it. */
export function cryptoRates(): CryptoRates {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const prepare = { kind: "Prepare", view: 0, seq: 17, digest: "ab".repeat(32) };
  const bytes = Buffer.from(canonicalJson({ body: prepare, signer: 2 }));
  const signature = sign(null, bytes, privateKey);
  return {
    signPerSecond: perSecond(() => sign(null, bytes, privateKey)),
    verifyPerSecond: perSecond(() => verify(null, bytes, publicKey, signature)),
  };
}

interface NetOptions {
  readonly txns: number | null;
  readonly only: number | null;
  readonly batch: readonly boolean[];
  readonly concurrency: number;
  readonly batchOn: { readonly size: number; readonly delayMs: number };
}

/** A positive integer flag, or its default when absent. */
function positive(name: string, value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new RangeError(`--${name}: a positive integer, got ${value}`);
  return parsed;
}

function options(): NetOptions {
  const { values } = parseArgs({ args: process.argv.slice(3), strict: true,
    options: {
      txns: { type: "string" }, only: { type: "string" }, batch: { type: "string" }, concurrency: { type: "string" },
      "batch-delay-ms": { type: "string" }, "batch-size": { type: "string" },
    } });
  const batch = values.batch === undefined ? [false, true] : values.batch === "on" ? [true]
    : values.batch === "off" ? [false] : null;
  if (batch === null) throw new RangeError(`--batch: on or off, got ${values.batch}`);
  const txns = values.txns === undefined ? null : Number(values.txns);
  const only = values.only === undefined ? null : Number(values.only);
  if (txns !== null && (!Number.isInteger(txns) || txns <= 0)) throw new RangeError(`--txns: got ${values.txns}`);
  if (only !== null && !configs.some((c) => c.n === only)) throw new RangeError(`--only: 4 or 7, got ${values.only}`);
  const concurrency = positive("concurrency", values.concurrency, concurrencyDefault);
  const delayMs = positive("batch-delay-ms", values["batch-delay-ms"], batchOnDefault.delayMs);
  const size = positive("batch-size", values["batch-size"], batchOnDefault.size);
  return { txns, only, batch, concurrency, batchOn: { size, delayMs } };
}

export async function run(): Promise<void> {
  const chosen = options();
  const { concurrency, batchOn } = chosen;
  const cores = availableParallelism();
  const rates = cryptoRates();
  console.log(`Ed25519 on one core: ${Math.round(rates.signPerSecond)} signs/s, ${Math.round(rates.verifyPerSecond)} ` +
    `verifies/s; ${cores} cores`);
  const rows = [];
  const runs = configs.filter((c) => chosen.only === null || c.n === chosen.only)
    .flatMap((config) => chosen.batch.map((batching) => ({ config, batching })));
  for (const { config, batching } of runs) {
    const { n, f } = config;
    const txns = chosen.txns ?? config.txns;
    const result = await runCluster({
      ...defaultClusterOptions, n, f, txns, concurrency, relay: false, tickMs: 250, timeoutMs: 280_000,
      ...(batching ? { batch: batchOn } : {}),
    });
    const summary = summarize(result);
    const executed = (samples: typeof result.before): number =>
      Number(samples.find((s) => s.name === "P0")?.status?.["lastExecuted"] ?? Number.NaN);
    const seqs = executed(result.after) - executed(result.before);
    rmSync(result.dir, { recursive: true, force: true });
    const batchSize = batching ? batchOn.size : 1;
    const bound = signatureBound(n, checkpointIntervalFor(windowSizeFor(concurrency)), rates, cores, batchSize);
    const seconds = (w: { signs: number; verifies: number }): number =>
      w.signs / rates.signPerSecond + w.verifies / rates.verifyPerSecond;
    const busiest = summary.signaturesPerTxn.reduce<(typeof summary.signaturesPerTxn)[number] | null>(
      (a, b) => (a === null || seconds(b) > seconds(a) ? b : a), null);
    rows.push({
      n, batch: batching ? `${batchOn.size} / ${batchOn.delayMs} ms` : "off", txns: summary.txns.acknowledged,
      ok: summary.ok, "txn/s": summary.txnPerSecond,
      "p50 ms": summary.latencyMs.p50, "p99 ms": summary.latencyMs.p99,
      "txns/seq": Number.isFinite(seqs) && seqs > 0 ? Number((summary.txns.acknowledged / seqs).toFixed(2)) : "-",
      "msgs/txn": summary.messagesPerTxn,
      "msgs/txn/participant": Number((summary.messagesPerTxn / n).toFixed(2)),
      "KB/txn": Number((summary.peerBytesPerTxn / 1024).toFixed(1)),
      "CPU ms/txn": summary.cpuMsPerTxn,
      "saves/txn": summary.persistsPerTxn,
      "busiest: node sign/verify per txn": busiest === null ? "-"
        : `${busiest.node} ${busiest.signs}/${busiest.verifies}`,
      "model P sign/verify": `${bound.participant.signs.toFixed(2)}/${bound.participant.verifies.toFixed(2)}`,
      unsampled: summary.unsampled.join(",") || "-",
      "bound txn/s": Math.round(bound.txnPerSecond),
      ratio: Number((summary.txnPerSecond / bound.txnPerSecond).toFixed(3)),
    });
  }
  console.table(rows);
  console.log("bound = min(1 / busiest node's signature seconds per txn, cores / the cluster's), "
    + "from the model counts (bench/signature-bound.ts) and the rates above");
}
