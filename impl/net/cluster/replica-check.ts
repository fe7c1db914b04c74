/**
 * The end-of-run check of a test cluster, over each honest participant's
 * GET /replica:
 * 1. agreement, consistency and client truth, the spec's own (replica-invariants.ts): no txn has two outcomes
 *    or seqs, no seq two txns; replicas through one seq hold one data digest; what the client was given is what
 *    the replicas decided;
 * 2. progress and durability: every honest replica executed as far as the others and holds every acknowledged txn;
 * 4. each replica's history, replayed against a sequential model of the store (sequential-model.ts),
 *    commits only what may commit and ends with the replica's own data.
 * Records pruned by expiry (impl/core/replica.ts `pruneExpired`: a txn whose signed `expires` a checkpoint
 * passed) are restored first from what the client was acknowledged, with f+1 confirmations (workload.ts
 * `placements`): an acknowledged txn absent from a replica that executed past its expiry. Every check then runs
 * on the whole history, and the count restored is reported.
 * Replicas may still be finishing their last slots, so the check polls until it
 * passes or `waitMs` runs out, and then reports what still fails.
 */
import { Schema } from "effect";
import { TxnOutcome, type Outcome } from "../../../spec/messages.js";
import { decodeWith } from "../decode-result.js";
import { getJson } from "../http-json.js";
import type { ClientTxn } from "../client.js";
import { replicaViolations } from "./replica-invariants.js";
import { judgeHistory } from "./sequential-model.js";
import type { Placement } from "./workload.js";

const ReplicaView = Schema.Struct({
  node: Schema.String, lastExecuted: Schema.Int, replicaDigest: Schema.String, outcomes: Schema.Array(TxnOutcome),
  entriesDigest: Schema.String,
});
export type ReplicaView = typeof ReplicaView.Type;

export interface ReplicaSource { readonly name: string; readonly url: string }

export interface CheckResult {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly replicas: readonly {
    readonly node: string; readonly lastExecuted: number; readonly replicaDigest: string;
    /** Acknowledged records this replica pruned by expiry, restored for the check. */
    readonly pruned: number;
  }[];
}

export async function checkReplicas(honest: readonly ReplicaSource[], acknowledged: ReadonlyMap<string, Outcome>,
  submitted: ReadonlyMap<string, ClientTxn>, waitMs: number,
  placements: ReadonlyMap<string, Placement> = new Map()): Promise<CheckResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await checkOnce(honest, acknowledged, submitted, placements);
    if (result.ok || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function checkOnce(honest: readonly ReplicaSource[], acknowledged: ReadonlyMap<string, Outcome>,
  submitted: ReadonlyMap<string, ClientTxn>, placements: ReadonlyMap<string, Placement>): Promise<CheckResult> {
  const problems: string[] = [];
  const fetched: ReplicaView[] = [];
  const responses = await Promise.all(honest.map((source) => getJson(`${source.url}/replica`, 3_000)));
  honest.forEach((source, i) => {
    const response = responses[i];
    if (response === undefined) return;
    const decoded = response.ok
      ? decodeWith(ReplicaView, response.body)
      : { ok: false as const, error: response.error };
    if (decoded.ok) fetched.push(decoded.value);
    else problems.push(`${source.name}: no replica (${decoded.error})`);
  });
  const restored = fetched.map((view) => withPruned(view, placements));
  const views = restored.map((r) => r.view);
  problems.push(...replicaViolations(views, acknowledged), ...lagging(views), ...missing(views, acknowledged));
  for (const view of views) {
    const judged = judgeHistory(view.node, view.outcomes, submitted);
    problems.push(...judged.problems);
    if (judged.entriesDigest !== view.entriesDigest) {
      problems.push(`model: ${view.node}'s data differs from the sequential replay of its own history`);
    }
  }
  const replicas = restored.map(({ view: v, pruned }) =>
    ({ node: v.node, lastExecuted: v.lastExecuted, replicaDigest: v.replicaDigest, pruned }));
  const more = problems.length > 20 ? [`... and ${problems.length - 20} more`] : [];
  return { ok: problems.length === 0, problems: problems.slice(0, 20).concat(more), replicas };
}

/**
 * `view` with the acknowledged records it pruned by expiry put back: a placed txn it does not hold although it
 * executed past the txn's `expires` (a checkpoint at or below that seq pruned it). Others stay missing.
 */
export function withPruned(view: ReplicaView, placements: ReadonlyMap<string, Placement>):
  { readonly view: ReplicaView; readonly pruned: number } {
  const held = new Set(view.outcomes.map((o) => o.txn));
  const back = [...placements.values()]
    .filter((p) => !held.has(p.txn) && p.expires <= view.lastExecuted)
    .map(({ expires: _expires, ...record }) => record);
  if (back.length === 0) return { view, pruned: 0 };
  return { view: { ...view, outcomes: [...view.outcomes, ...back] }, pruned: back.length };
}

/** Replicas behind the most advanced one: not a safety violation, but the run ended before they caught up. */
function lagging(views: readonly ReplicaView[]): string[] {
  const top = Math.max(0, ...views.map((v) => v.lastExecuted));
  return views.filter((v) => v.lastExecuted < top)
    .map((v) => `progress: ${v.node} executed through seq ${v.lastExecuted}, others through ${top}`);
}

/** Acknowledged txns a replica does not hold (their outcomes are judged by client truth, replica-invariants.ts). */
function missing(views: readonly ReplicaView[], acknowledged: ReadonlyMap<string, Outcome>): string[] {
  const problems: string[] = [];
  for (const view of views) {
    const held = new Set(view.outcomes.map((o) => o.txn));
    let absent = 0;
    for (const txn of acknowledged.keys()) if (!held.has(txn)) absent += 1;
    if (absent > 0) problems.push(`durability: ${absent} acknowledged txns missing at ${view.node}`);
  }
  return problems;
}
