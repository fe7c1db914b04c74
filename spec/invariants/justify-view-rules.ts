/**
 * The view-change rules of DESIGN.md §3 (PBFT §4.4), re-stated independently of
 * impl/core: what makes a VIEW-CHANGE sound, and the pre-prepares a NEW-VIEW must
 * carry, recomputed from its VIEW-CHANGEs:
 * 1. h = the highest stable checkpoint the VIEW-CHANGEs prove;
 * 2. every seq above h with a prepared certificate: that of the highest view; a commit
 *    the coordinator signed in a view it led, re-proposed in a view a participant leads,
 *    carries that signed pre-prepare as its authority (and so a new digest);
 * 3. every other seq up to the highest certified one: a null proposal;
 * 4. presumed abort: every carried pending request no pre-prepare of 2-3 carries, in txn
 *    id order, flagged abort, `batchSize` of them per pre-prepare (the last one partial),
 *    while the window (h, h + W] has room.
 */
import { clientId, coordinatorId } from "../config.js";
import { asSeq, maxSeq, nextSeq, seqPlus } from "../ids.js";
import type { Judge } from "../held-state.js";
import type {
  NewView, PreparedCertificate, PrePrepare, Proposal, Seq, Signed, Txn, View, ViewChange,
} from "../messages.js";
import { certificateProblem, isParticipantId, provenCheckpoint } from "./justify-rules.js";
import { leaderOfView } from "./leader-authority.js";
import { batchDigestValue, batchFields, batchOf, batchSizeOf, batchTxnIds } from "../batch.js";

/**
 * A VIEW-CHANGE validly signed by a participant, with a proven checkpoint, sound certificates and client-signed
 * requests.
 */
export function viewChangeProblem(m: Signed<ViewChange>, judge: Judge): string | null {
  const vc = m.body;
  const who = `view-change of ${m.signer} for view ${vc.view}`;
  if (!isParticipantId(m.signer, judge) || !judge.verify(m)) return `${who}: not validly signed by a participant`;
  if (!Number.isInteger(vc.view) || vc.view < 1) return `${who}: no such view to change to`;
  if (provenCheckpoint(vc.stableSeq, vc.checkpointProof, judge) === null) {
    return `${who}: checkpoint s${vc.stableSeq} unproven`;
  }
  const seqs = new Set<Seq>();
  for (const cert of vc.prepared) {
    const { view, seq } = cert.prePrepare.body;
    if (seq <= vc.stableSeq || seqs.has(seq)) return `${who}: certificate s${seq} at or below its checkpoint, or twice`;
    if (view >= vc.view) return `${who}: certificate from view ${view}`;
    const problem = certificateProblem(cert, m.signer, judge);
    if (problem !== null) return `${who}: ${problem}`;
    seqs.add(seq);
  }
  for (const r of vc.pending) {
    if (r.signer !== clientId(judge.config) || !judge.verify(r)) {
      return `${who}: pending ${r.body.id} not signed by the client`;
    }
  }
  return null;
}

/**
 * A NEW-VIEW as its leader must build it: Q sound VIEW-CHANGEs for its view from distinct participants, and the
 * derived pre-prepares.
 */
export function newViewProblem(nv: NewView, judge: Judge): string | null {
  const signers = new Set<number>();
  for (const vc of nv.viewChanges) {
    if (vc.body.view !== nv.view) return `new-view v${nv.view} carries a view-change for view ${vc.body.view}`;
    if (signers.has(vc.signer)) return `new-view v${nv.view} carries two view-changes of ${vc.signer}`;
    const problem = viewChangeProblem(vc, judge);
    if (problem !== null) return `new-view v${nv.view}: ${problem}`;
    signers.add(vc.signer);
  }
  if (signers.size < judge.config.quorum) {
    return `new-view v${nv.view} carries ${signers.size} view-changes, needs ${judge.config.quorum}`;
  }
  const expected = derivedPrePrepares(nv.view, nv.viewChanges, judge);
  if (judge.digest(expected) !== judge.digest(nv.prePrepares)) {
    return `new-view v${nv.view}: pre-prepares do not follow from its view-changes`;
  }
  return null;
}

function highestCertificates(viewChanges: readonly Signed<ViewChange>[], h: Seq): Map<Seq, PreparedCertificate> {
  const best = new Map<Seq, PreparedCertificate>();
  for (const vc of viewChanges) {
    for (const cert of vc.body.prepared) {
      const { seq, view, digest } = cert.prePrepare.body;
      const held = best.get(seq)?.prePrepare.body;
      // Two sound certificates of one view cannot differ (their quorums share an honest participant); the digest order
      // only makes it total.
      const wins = held === undefined || view > held.view || (view === held.view && digest < held.digest);
      if (seq > h && wins) best.set(seq, cert);
    }
  }
  return best;
}

/**
 * Rule 2's authority: the coordinator's own signed commit travels as the authority once a participant leads;
 * each txn of a batch alike.
 */
function reProposed(certified: Signed<PrePrepare>, view: View, judge: Judge): readonly Proposal[] {
  const n = judge.config.participantCount;
  return batchOf(certified.body).map((proposal) => {
    const needsAuthority = proposal.flag === "commit" && proposal.authority === undefined &&
      leaderOfView(view, n) !== coordinatorId(judge.config) && certified.signer === coordinatorId(judge.config);
    return needsAuthority ? { ...proposal, authority: certified } : proposal;
  });
}

export function derivedPrePrepares(view: View, viewChanges: readonly Signed<ViewChange>[], judge: Judge): PrePrepare[] {
  const h = maxSeq(asSeq(0), ...viewChanges.map((vc) => vc.body.stableSeq));
  const best = highestCertificates(viewChanges, h);
  const top = maxSeq(h, ...best.keys());
  const out: PrePrepare[] = [];
  for (let seq = nextSeq(h); seq <= top; seq = nextSeq(seq)) {
    const certified = best.get(seq)?.prePrepare;
    const proposals = certified === undefined ? [] : reProposed(certified, view, judge);
    const before = certified === undefined ? [] : batchOf(certified.body);
    const kept = certified !== undefined && proposals.every((x, i) => x === before[i]);
    const digest = kept ? certified.body.digest : judge.digest(batchDigestValue(proposals));
    out.push({ kind: "PrePrepare", view, seq, digest, ...batchFields(proposals) });
  }
  const carried = new Set(out.flatMap((p) => batchTxnIds(p)));
  const orphans = new Map<string, Signed<Txn>>();
  for (const vc of viewChanges) {
    for (const r of vc.body.pending) if (!carried.has(r.body.id) && !orphans.has(r.body.id)) orphans.set(r.body.id, r);
  }
  const ids = [...orphans.keys()].sort();
  // Rule 4 with batches (spec/batch.ts): the orphans in id order, `batchSize` of them a seq, the last seq partial.
  const size = batchSizeOf(judge.config);
  for (let i = 0; i * size < ids.length && top + 1 + i <= h + judge.config.windowSize; i++) {
    const proposals: Proposal[] = ids.slice(i * size, (i + 1) * size)
      .map((id) => ({ request: orphans.get(id) as Signed<Txn>, flag: "abort" }));
    const digest = judge.digest(batchDigestValue(proposals));
    out.push({ kind: "PrePrepare", view, seq: seqPlus(top, 1 + i), digest, ...batchFields(proposals) });
  }
  return out;
}
