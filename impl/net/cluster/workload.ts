/**
 * The client workload of a test cluster: `txns` transactions submitted to the
 * coordinator's HTTP API by `concurrency` workers, each waiting for its
 * outcome. Latency is measured at the client, submit to outcome.
 *
 * The mix is deterministic: every transaction writes one of 64 keys; every
 * 10th also requires a key to be unwritten (version 0), so most of those abort
 * on their precondition; every 20th is proposed with flag abort. Retries
 * resubmit the same id, which the coordinator deduplicates, so a coordinator
 * that is down for a while only delays the workload. While the coordinator
 * does not answer, a transaction already submitted can still be settled by the
 * participants (a view change finishes it): the workload then reads its outcome
 * from f+1 matching signed confirmations (participant-outcome.ts). All of this
 * is the client library's (client.ts), which signs each txn with the client's key.
 */
import type { Outcome, TxnOutcome } from "../../../spec/messages.js";
import { confirmedTxns } from "../../../spec/batch.js";
import type { ByzClient, ClientOutcome, ClientTxn } from "../client.js";
import { asSeq } from "../../../spec/ids.js";

export const keysInUse = 64;

export interface WorkloadOptions {
  /** Signs as the cluster's client and submits (client.ts). */
  readonly client: ByzClient;
  readonly txns: number;
  readonly concurrency: number;
  /** Give up on transactions still undecided at this time (Date.now() ms). */
  readonly deadline: number;
  /** Give up when no transaction has been decided for this long: the cluster has stalled. */
  readonly stallMs?: number;
  readonly idPrefix?: string;
  /** Pads every written value to this many characters (default: no padding). */
  readonly valueBytes?: number;
  /** Called as each transaction is acknowledged, e.g. to trigger scheduled faults. */
  readonly onAcknowledged?: (count: number) => void;
}

export interface WorkloadResult {
  readonly acknowledged: ReadonlyMap<string, Outcome>;
  /** Every txn the workload submitted, by id: the end-of-run check replays them against a sequential model. */
  readonly submitted: ReadonlyMap<string, ClientTxn>;
  readonly latenciesMs: readonly number[];
  readonly undecided: readonly string[];
  readonly wallMs: number;
  /** Set when the workload stopped because nothing was decided for `stallMs`. */
  readonly stalled: boolean;
  /** Outcomes read from the participants' signed confirmations because the coordinator did not answer. */
  readonly viaParticipants: number;
  /**
   * Where each acknowledged txn that carries `expires` executed, from its f+1 confirmations: the end-of-run
   * check restores the records replicas pruned by expiry from these (replica-check.ts).
   */
  readonly placements: ReadonlyMap<string, Placement>;
  /** Txns the coordinator answered 410 for that no participant could settle (client.ts `ClientExpired`). */
  readonly expired: readonly string[];
}

/** An acknowledged txn's record as a replica holds it, with the `expires` it was signed with. */
export type Placement = TxnOutcome & { readonly expires: number };

export const stallMsDefault = 30_000;

/** `valueBytes` pads each written value to that length (big-state tests); by default values are `v<i>`. */
export function makeTxn(i: number, prefix = "t", valueBytes = 0): ClientTxn {
  const key = (k: number): string => `k${k % keysInUse}`;
  return {
    id: `${prefix}${String(i).padStart(6, "0")}`,
    writes: [{ key: key(i), value: `v${i}`.padEnd(valueBytes, ".") }],
    reads: i % 10 === 7 ? [{ key: key(i + 1), version: 0 }] : [],
    flag: i % 20 === 13 ? "abort" : "commit",
  };
}

export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const acknowledged = new Map<string, Outcome>();
  const submitted = new Map<string, ClientTxn>();
  const latenciesMs: number[] = [];
  const undecided: string[] = [];
  const expiredTxns: string[] = [];
  const placements = new Map<string, Placement>();
  let next = 0;
  let viaParticipants = 0;
  const started = Date.now();
  let progressAt = started;
  const stallMs = options.stallMs ?? stallMsDefault;
  const expired = (): boolean => Date.now() >= options.deadline || Date.now() - progressAt >= stallMs;
  const worker = async (): Promise<void> => {
    while (next < options.txns && !expired()) {
      const txn = makeTxn(next++, options.idPrefix, options.valueBytes);
      submitted.set(txn.id, txn);
      const begin = performance.now();
      const decided = await options.client.submit(txn, expired);
      if (decided === null) { undecided.push(txn.id); continue; }
      if (decided.kind === "expired") { expiredTxns.push(txn.id); continue; }
      if (decided.expires !== null) placements.set(txn.id, placementOf(txn.id, decided, decided.expires));
      if (decided.via === "participants") viaParticipants += 1;
      progressAt = Date.now();
      latenciesMs.push(performance.now() - begin);
      acknowledged.set(txn.id, decided.outcome);
      options.onAcknowledged?.(acknowledged.size);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const stalled = Date.now() < options.deadline && acknowledged.size < options.txns;
  for (let i = next; i < options.txns; i++) undecided.push(makeTxn(i, options.idPrefix).id);
  return {
    acknowledged, submitted, latenciesMs, undecided, wallMs: Date.now() - started, stalled, viaParticipants,
    placements, expired: expiredTxns,
  };
}

/** The record of `txn` at its seq, its place in the batch read from the confirmation (spec/batch.ts). */
function placementOf(txn: string, decided: ClientOutcome, expires: number): Placement {
  const confirm = decided.confirmations[0]?.body;
  const index = confirm === undefined ? 0 : Math.max(0, confirmedTxns(confirm).findIndex((t) => t.txn === txn));
  const base = { txn, outcome: decided.outcome, seq: asSeq(decided.seq), expires };
  return index === 0 ? base : { ...base, index };
}
