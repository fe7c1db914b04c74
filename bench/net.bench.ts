/**
 * The real runtime on loopback (`npm run bench -- net`): n+1 node processes,
 * signed TCP, durable LMDB state, the workload through the coordinator's HTTP
 * API, no injected faults and no relay. For n = 4 and n = 7 it reports txn/s,
 * client p50/p99 latency, CPU per txn (all node processes) and messages per txn.
 *
 * The yardstick is Ed25519 verification, measured in the same run: a
 * transaction costs the cluster n(2n+1) distinct verifications (at each
 * participant the pre-prepare, the client's request and 2(n-1) votes; at the
 * coordinator n confirmations), so `cores x verify/s / n(2n+1)` is the most a
 * machine of this size can commit if it did nothing but verify. The ratio
 * says how close the runtime gets.
 *
 * Baseline (2 cores shared with other sessions, Node 20, ext4 on virtio,
 * fsync ~8 ms): the figures and the command are in the README. The window moves
 * with checkpoints (W = 128, K = 4 at concurrency 32), and the coordinator now
 * persists before it sends, like the participants: an fsync per batch on every node.
 */
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { availableParallelism } from "node:os";
import { rmSync } from "node:fs";
import { canonicalJson } from "../spec/canonical.js";
import { summarize } from "../impl/net/cluster/cluster-report.js";
import { defaultClusterOptions, runCluster } from "../impl/net/cluster/cluster-run.js";

const configs = [
  { n: 4, f: 1, txns: 400 },
  { n: 7, f: 2, txns: 200 },
] as const;

/** Verifications per second on one core, for a typical vote, through node:crypto as the runtime does it. */
function verifyPerSecond(): number {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const bytes = Buffer.from(canonicalJson({ body: { kind: "Prepare", view: 0, seq: 17, digest: "ab".repeat(32) }, signer: 2 }));
  const signature = sign(null, bytes, privateKey);
  for (let i = 0; i < 200; i++) verify(null, bytes, publicKey, signature); // warm-up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    for (let i = 0; i < 100; i++) verify(null, bytes, publicKey, signature);
    count += 100;
  }
  return count / ((performance.now() - started) / 1000);
}

export async function run(): Promise<void> {
  const cores = availableParallelism();
  const verifyRate = verifyPerSecond();
  console.log(`Ed25519 verify: ${Math.round(verifyRate)}/s on one core; ${cores} cores`);
  const rows = [];
  for (const { n, f, txns } of configs) {
    const result = await runCluster({ ...defaultClusterOptions, n, f, txns, concurrency: 32, relay: false, tickMs: 250, timeoutMs: 280_000 });
    const summary = summarize(result);
    rmSync(result.dir, { recursive: true, force: true });
    const bound = (cores * verifyRate) / (n * (2 * n + 1));
    rows.push({
      n, f, txns, ok: summary.ok, "txn/s": summary.txnPerSecond, "p50 ms": summary.latencyMs.p50, "p99 ms": summary.latencyMs.p99,
      "CPU ms/txn": summary.cpuMsPerTxn, "msgs/txn": summary.messagesPerTxn,
      "verify bound txn/s": Math.round(bound), "ratio": Number((summary.txnPerSecond / bound).toFixed(3)),
    });
  }
  console.table(rows);
}
