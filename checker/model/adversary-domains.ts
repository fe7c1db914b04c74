/**
 * The bounded value domains the Byzantine alphabet ranges over (DESIGN.md §6): every
 * field of every message kind takes its values from here, so the alphabet is finite
 * and enumerated in one fixed order (a path of action indices replays).
 *
 * - views: votes range over 0..reach, where reach = 1 + the timeout budget (a view
 *   change needs an honest timer or proof; at least view 1 is always in play). View
 *   changes and leader moves range over 1..top, where top also covers the first view
 *   every faulty node leads (P_b leads b+1, a Byzantine coordinator n+1), so a faulty
 *   node has leader moves whatever the bound.
 * - seqs: 1..T for the T configured txns, plus W+1, one past the initial window.
 * - digests: those of every client request with either flag (in client order, flag
 *   commit first: the order earlier alphabets had), the null proposal's, and one
 *   that matches no body.
 * - replica digests: the empty replica's and a wrong one ("byzantine", as before);
 *   the ones the faulty nodes learn join from their knowledge (adversary-composites.ts).
 * - checkpoint seqs: the multiples of K up to T, plus one off the K grid.
 * - batches (only with `--batch` 2 or more, spec/batch.ts): every pair of proposals of two different txns in
 *   client order, with every flag, and each such pair reordered with the first flags in play, so a faulty leader
 *   may batch, flag and reorder the client's txns; their digests join the digests in play after the unmatched
 *   one (so the alphabet without batches is unchanged). Every ordered pair with every flag made the search ~7x
 *   larger at depth 3 for the same kinds of moves.
 */
import { asDigest, asSeq, asView, nextView } from "../../spec/ids.js";
import type { Digest, NodeId, Outcome, Proposal, Seq, Signed, Txn, View } from "../../spec/messages.js";
import { batchDigest, proposalDigest } from "../../impl/core/digests.js";
import { batchSizeOf } from "../../spec/batch.js";
import { leaderOf } from "../../impl/core/quorum.js";
import { emptyReplica } from "../../impl/core/replica.js";
import type { Env } from "../../impl/core/types.js";
import type { CheckConfig } from "./check-config.js";

export const flagsInPlay: readonly Outcome[] = ["commit", "abort"];

/** A digest no body has: what a liar names when it names nothing real. */
export const unmatchedDigest = asDigest("ffffffffffffffff");
/** A replica digest no replica has (the literal earlier alphabets used, so old traces replay). */
export const wrongReplicaDigest = asDigest("byzantine");

export interface Domains {
  readonly votingViews: readonly View[];
  readonly changeViews: readonly View[];
  readonly seqs: readonly Seq[];
  readonly requests: readonly Signed<Txn>[];
  readonly proposals: readonly Proposal[];
  /** Proposal digests (as `proposals`), then the null digest, then the unmatched one, then `batchDigests`. */
  readonly digests: readonly Digest[];
  /** Batches of two a faulty leader may propose (none with batches of one), and their digests in that order. */
  readonly batches: readonly (readonly Proposal[])[];
  readonly batchDigests: readonly Digest[];
  readonly nullDigest: Digest;
  readonly replicaDigests: readonly Digest[];
  readonly checkpointSeqs: readonly Seq[];
  readonly txnIds: readonly string[];
}

export interface DomainInput {
  readonly config: CheckConfig;
  readonly env: Env;
  readonly coordinator: NodeId;
  readonly requests: readonly Signed<Txn>[];
}

/** The first view above 0 that `node` leads (the coordinator: n + 1). */
export function firstLedView(node: NodeId, n: number): View {
  for (let v = asView(1); ; v = nextView(v)) if (leaderOf(v, n) === node) return v;
}

export function domainsOf(input: DomainInput, faulty: readonly NodeId[]): Domains {
  const { config, env } = input;
  const reach = 1 + config.budgets.timeouts;
  const top = Math.max(reach, ...faulty.map((b) => firstLedView(b, config.n)));
  const txnCount = config.txns.length;
  const window = config.protocol.windowSize;
  const seqs = [...Array.from({ length: txnCount }, (_, i) => i + 1), window + 1]
    .filter((s, i, all) => all.indexOf(s) === i).map(asSeq);
  const proposals = input.requests.flatMap((request) => flagsInPlay.map((flag): Proposal => ({ request, flag })));
  const nullDigest = proposalDigest(null, env);
  const batches = batchSizeOf(config.protocol) < 2 ? [] : batchesOf(input.requests);
  const batchDigests = batches.map((b) => batchDigest(b, env));
  const k = config.protocol.checkpointInterval;
  const onGrid = Array.from({ length: Math.floor(txnCount / k) }, (_, i) => (i + 1) * k);
  const offGrid = k > 1 ? 1 : k + 1;
  return {
    votingViews: range(0, reach).map(asView),
    changeViews: range(1, top).map(asView),
    seqs,
    requests: input.requests,
    proposals,
    digests: [...proposals.map((p) => proposalDigest(p, env)), nullDigest, unmatchedDigest, ...batchDigests],
    batches,
    batchDigests,
    nullDigest,
    replicaDigests: [env.digest(emptyReplica), wrongReplicaDigest],
    checkpointSeqs: [...onGrid, offGrid].filter((s, i, all) => all.indexOf(s) === i).sort((a, b) => a - b).map(asSeq),
    txnIds: input.requests.map((r) => r.body.id),
  };
}

/** See the header: pairs in client order with every flag, then each pair reversed with flag commit. */
function batchesOf(requests: readonly Signed<Txn>[]): (readonly Proposal[])[] {
  const out: (readonly Proposal[])[] = [];
  for (let i = 0; i < requests.length; i++) {
    for (let j = i + 1; j < requests.length; j++) {
      const a = requests[i] as Signed<Txn>;
      const b = requests[j] as Signed<Txn>;
      for (const fa of flagsInPlay) {
        for (const fb of flagsInPlay) out.push([{ request: a, flag: fa }, { request: b, flag: fb }]);
      }
      out.push([{ request: b, flag: "commit" }, { request: a, flag: "commit" }]);
    }
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
