/**
 * The client workload of a test cluster: `txns` transactions submitted to the
 * coordinator's HTTP API by `concurrency` workers, each waiting for its
 * outcome. Latency is measured at the client, submit to outcome.
 *
 * The mix is deterministic: every transaction writes one of 64 keys; every
 * 10th also requires a key to be unwritten (version 0), so most of those abort
 * on their precondition; every 20th is proposed with flag abort. Retries
 * resubmit the same id, which the coordinator deduplicates, so a coordinator
 * that is down for a while only delays the workload.
 */
import type { Outcome } from "../../../spec/messages.js";
import type { SubmitBody } from "../client-api.js";
import { getJson, postJson } from "../http-json.js";

export const keysInUse = 64;
const retryMs = 250;

export interface WorkloadOptions {
  readonly url: string;
  readonly txns: number;
  readonly concurrency: number;
  /** Give up on transactions still undecided at this time (Date.now() ms). */
  readonly deadline: number;
  /** Give up when no transaction has been decided for this long: the cluster has stalled. */
  readonly stallMs?: number;
  readonly idPrefix?: string;
  /** Called as each transaction is acknowledged, e.g. to trigger scheduled faults. */
  readonly onAcknowledged?: (count: number) => void;
}

export interface WorkloadResult {
  readonly acknowledged: ReadonlyMap<string, Outcome>;
  readonly latenciesMs: readonly number[];
  readonly undecided: readonly string[];
  readonly wallMs: number;
  /** Set when the workload stopped because nothing was decided for `stallMs`. */
  readonly stalled: boolean;
}

export const stallMsDefault = 30_000;

export function makeTxn(i: number, prefix = "t"): SubmitBody {
  const key = (k: number): string => `k${k % keysInUse}`;
  return {
    id: `${prefix}${String(i).padStart(6, "0")}`,
    writes: [{ key: key(i), value: `v${i}` }],
    reads: i % 10 === 7 ? [{ key: key(i + 1), version: 0 }] : [],
    flag: i % 20 === 13 ? "abort" : "commit",
  };
}

export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const acknowledged = new Map<string, Outcome>();
  const latenciesMs: number[] = [];
  const undecided: string[] = [];
  let next = 0;
  const started = Date.now();
  let progressAt = started;
  const stallMs = options.stallMs ?? stallMsDefault;
  const expired = (): boolean => Date.now() >= options.deadline || Date.now() - progressAt >= stallMs;
  const worker = async (): Promise<void> => {
    while (next < options.txns && !expired()) {
      const txn = makeTxn(next++, options.idPrefix);
      const begin = performance.now();
      const outcome = await decide(options.url, txn, expired);
      if (outcome === null) { undecided.push(txn.id); continue; }
      progressAt = Date.now();
      latenciesMs.push(performance.now() - begin);
      acknowledged.set(txn.id, outcome);
      options.onAcknowledged?.(acknowledged.size);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const stalled = Date.now() < options.deadline && acknowledged.size < options.txns;
  for (let i = next; i < options.txns; i++) undecided.push(makeTxn(i, options.idPrefix).id);
  return { acknowledged, latenciesMs, undecided, wallMs: Date.now() - started, stalled };
}

/** Submits (and resubmits) until an outcome arrives or the workload expires. */
async function decide(url: string, txn: SubmitBody, expired: () => boolean): Promise<Outcome | null> {
  let submitted = false;
  while (!expired()) {
    const waitMs = 5_000;
    const response = submitted
      ? await getJson(`${url}/txn/${encodeURIComponent(txn.id)}`, 2_000)
      : await postJson(`${url}/txn?waitMs=${waitMs}`, txn, waitMs + 5_000);
    if (response.ok && (response.status === 200 || response.status === 202)) {
      submitted = true;
      const status = (response.body as { status?: unknown }).status;
      if (status === "commit" || status === "abort") return status;
    } else if (response.ok && response.status === 404) {
      submitted = false; // a restarted coordinator forgot it: submit again
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
  return null;
}
