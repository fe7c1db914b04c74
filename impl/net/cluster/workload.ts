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
 * from f+1 matching signed confirmations (participant-outcome.ts).
 */
import type { Outcome } from "../../../spec/messages.js";
import type { SubmitBody } from "../client-api.js";
import { getJson, postJson } from "../http-json.js";
import type { OutcomeReader } from "./participant-outcome.js";

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
  /** Pads every written value to this many characters (default: no padding). */
  readonly valueBytes?: number;
  /** Called as each transaction is acknowledged, e.g. to trigger scheduled faults. */
  readonly onAcknowledged?: (count: number) => void;
  /** Where to read an outcome when the coordinator does not answer; none: only the coordinator. */
  readonly participants?: OutcomeReader;
}

export interface WorkloadResult {
  readonly acknowledged: ReadonlyMap<string, Outcome>;
  readonly latenciesMs: readonly number[];
  readonly undecided: readonly string[];
  readonly wallMs: number;
  /** Set when the workload stopped because nothing was decided for `stallMs`. */
  readonly stalled: boolean;
  /** Outcomes read from the participants' signed confirmations because the coordinator did not answer. */
  readonly viaParticipants: number;
}

export const stallMsDefault = 30_000;

/** `valueBytes` pads each written value to that length (big-state tests); by default values are `v<i>`. */
export function makeTxn(i: number, prefix = "t", valueBytes = 0): SubmitBody {
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
  const latenciesMs: number[] = [];
  const undecided: string[] = [];
  let next = 0;
  let viaParticipants = 0;
  const started = Date.now();
  let progressAt = started;
  const stallMs = options.stallMs ?? stallMsDefault;
  const expired = (): boolean => Date.now() >= options.deadline || Date.now() - progressAt >= stallMs;
  const worker = async (): Promise<void> => {
    while (next < options.txns && !expired()) {
      const txn = makeTxn(next++, options.idPrefix, options.valueBytes);
      const begin = performance.now();
      const decided = await decide(options.url, txn, expired, options.participants);
      if (decided === null) { undecided.push(txn.id); continue; }
      const outcome = decided.outcome;
      if (decided.via === "participants") viaParticipants += 1;
      progressAt = Date.now();
      latenciesMs.push(performance.now() - begin);
      acknowledged.set(txn.id, outcome);
      options.onAcknowledged?.(acknowledged.size);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const stalled = Date.now() < options.deadline && acknowledged.size < options.txns;
  for (let i = next; i < options.txns; i++) undecided.push(makeTxn(i, options.idPrefix).id);
  return { acknowledged, latenciesMs, undecided, wallMs: Date.now() - started, stalled, viaParticipants };
}

interface Decided { readonly outcome: Outcome; readonly via: "coordinator" | "participants" }

/**
 * Submits (and resubmits) until an outcome arrives or the workload expires. The
 * participants are asked too (at most every `participantsEveryMs`) when the
 * coordinator does not answer, or still says pending after its own wait: it reports
 * an outcome only on f+1 confirmations it received, and a confirmation lost on the
 * way to it is resent only while the seq is above its window — below that, the
 * participants' signed confirmations are the client's only source.
 */
async function decide(url: string, txn: SubmitBody, expired: () => boolean, participants: OutcomeReader | undefined): Promise<Decided | null> {
  let submitted = false;
  let askedAt = 0;
  const askParticipants = async (): Promise<Decided | null> => {
    if (participants === undefined || Date.now() - askedAt < participantsEveryMs) return null;
    askedAt = Date.now();
    const read = await participants(txn.id);
    return read === null ? null : { outcome: read.outcome, via: "participants" };
  };
  while (!expired()) {
    const waitMs = 5_000;
    const response = submitted
      ? await getJson(`${url}/txn/${encodeURIComponent(txn.id)}`, 2_000)
      : await postJson(`${url}/txn?waitMs=${waitMs}`, txn, waitMs + 5_000);
    if (response.ok && (response.status === 200 || response.status === 202)) {
      submitted = true; // the POST waited waitMs, so a pending answer from here on is a slow outcome
      const status = (response.body as { status?: unknown }).status;
      if (status === "commit" || status === "abort") return { outcome: status, via: "coordinator" };
      const read = await askParticipants();
      if (read !== null) return read;
    } else if (response.ok && response.status === 404) {
      submitted = false; // a restarted coordinator forgot it: submit again
    } else if (!response.ok) {
      // The coordinator is down or stuck: the participants may have finished the txn by a view change.
      const read = await askParticipants();
      if (read !== null) return read;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
  return null;
}

const participantsEveryMs = 1_000;
