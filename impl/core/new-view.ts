/**
 * The NEW-VIEW (PBFT §4.4), one pure function for the leader that builds it and for
 * every receiver that checks it: a receiver recomputes the pre-prepares from the
 * carried VIEW-CHANGEs and rejects a NEW-VIEW that differs, holding it as proof.
 *
 * From Q VIEW-CHANGEs for view v the pre-prepares are:
 * 1. h = the highest stable checkpoint among them (each is proven by Q signatures).
 * 2. For each seq above h with a prepared certificate, the digest and body of the
 *    certificate from the highest view (certificate.ts says why that one). A commit the
 *    coordinator signed in a view it led gains that signed pre-prepare as its authority
 *    when a participant leads the new view (flag-authority.ts), and so a new digest: the
 *    txn and flag, all that execution reads, stay those of the certificate.
 * 3. Every other seq from h+1 up to the highest certified seq: a null proposal, so
 *    execution has no gap (PBFT §4.4's null request).
 * 4. Presumed abort (DESIGN.md §3): every pending client request the VIEW-CHANGEs
 *    carry that no pre-prepare of 2-3 carries, in txn id order, with flag abort, up to
 *    the batch size per pre-prepare (`orphanBatches`), while the window (h, h + W] has
 *    room. Putting them here, not in later free proposals, lets every receiver check
 *    that a faulty leader dropped none of them. A txn that
 *    already executed below h gets a slot that executes as a no-op: a txn's outcome
 *    is fixed by the first decided slot that carries its id.
 */
import type {
  NewView, PreparedCertificate, PrePrepare, Proposal, Seq, Signed, Txn, View, ViewChange,
} from "../../spec/messages.js";
import type { StableCheckpoint } from "./checkpoint-log.js";
import { batchFields, batchOf, batchSizeOf, batchTxnIds } from "../../spec/batch.js";
import { batchDigest } from "./digests.js";
import { carriedBatch } from "./flag-authority.js";
import { newViewQuorum } from "./quorum.js";
import { viewChangeProblem } from "./view-change-check.js";
import type { Env } from "./types.js";
import { asSeq } from "../../spec/ids.js";

/** Whether certificate `a` beats `b` for one seq: the highest view (ties cannot differ; broken by digest anyway). */
function beats(a: PreparedCertificate, b: PreparedCertificate): boolean {
  const av = a.prePrepare.body.view;
  const bv = b.prePrepare.body.view;
  if (av === bv) return a.prePrepare.body.digest < b.prePrepare.body.digest;
  // An older certificate may name a txn a later view replaced before anything committed it.
  return av > bv;
}

/** The stable checkpoint a set of VIEW-CHANGEs proves: the highest, from the lowest signer that carries it. */
export function carriedCheckpoint(viewChanges: readonly Signed<ViewChange>[]): StableCheckpoint {
  let best: StableCheckpoint = { seq: asSeq(0), proof: [] };
  for (const vc of viewChanges)
    if (vc.body.stableSeq > best.seq) best = { seq: vc.body.stableSeq, proof: vc.body.checkpointProof };
  return best;
}

/** The pending requests `viewChanges` carry whose ids are not in `survivors`, once each, in txn id order. */
export function orphans(viewChanges: readonly Signed<ViewChange>[], survivors: ReadonlySet<string>): Signed<Txn>[] {
  const byId = new Map<string, Signed<Txn>>();
  for (const vc of viewChanges)
    for (const r of vc.body.pending)
      if (!survivors.has(r.body.id) && !byId.has(r.body.id)) byId.set(r.body.id, r);
  return [...byId.values()].sort((a, b) => (a.body.id < b.body.id ? -1 : a.body.id > b.body.id ? 1 : 0));
}

export function newViewPrePrepares(view: View, viewChanges: readonly Signed<ViewChange>[], env: Env): PrePrepare[] {
  const h = carriedCheckpoint(viewChanges).seq;
  const chosen = new Map<Seq, PreparedCertificate>();
  for (const vc of viewChanges) {
    for (const cert of vc.body.prepared) {
      const seq = cert.prePrepare.body.seq;
      const held = chosen.get(seq);
      if (seq > h && (held === undefined || beats(cert, held))) chosen.set(seq, cert);
    }
  }
  const out: PrePrepare[] = [];
  const maxSeq = Math.max(h, ...chosen.keys());
  for (let seq = h + 1; seq <= maxSeq; seq++) {
    const certified = chosen.get(asSeq(seq))?.prePrepare;
    const proposals = certified === undefined ? [] : carriedBatch(certified, view, env);
    // An unchanged batch keeps the certified digest; one that gained an authority (flag-authority.ts) a new one.
    const before = certified === undefined ? [] : batchOf(certified.body);
    const unchangedBatch = certified !== undefined && proposals.every((x, i) => x === before[i]);
    const digest = unchangedBatch ? certified.body.digest : batchDigest(proposals, env);
    out.push({ kind: "PrePrepare", view, seq: asSeq(seq), digest, ...batchFields(proposals) });
  }
  const survivors = new Set(out.flatMap((p) => batchTxnIds(p)));
  let seq = maxSeq + 1;
  for (const batch of orphanBatches(orphans(viewChanges, survivors), env)) {
    if (seq > h + env.config.windowSize) break;
    out.push({ kind: "PrePrepare", view, seq: asSeq(seq), digest: batchDigest(batch, env), ...batchFields(batch) });
    seq++;
  }
  return out;
}

/**
 * `requests` (orphans, in txn id order) flagged abort and cut, in that order, into batches of the configured
 * size (spec/batch.ts), the last one partial: one seq per batch, so a view change with many orphans needs
 * no more room in the window than the normal case would. With batch size 1 each is a batch of its own.
 */
export function orphanBatches(requests: readonly Signed<Txn>[], env: Env): Proposal[][] {
  const size = batchSizeOf(env.config);
  const out: Proposal[][] = [];
  for (let i = 0; i < requests.length; i += size)
    out.push(requests.slice(i, i + size).map((request) => ({ request, flag: "abort" as const })));
  return out;
}

/** The NEW-VIEW a leader sends from the VIEW-CHANGEs it holds for `view`: the first Q by signer. */
export function buildNewView(view: View, held: readonly Signed<ViewChange>[], env: Env): NewView | null {
  const viewChanges = held.filter((vc) => vc.body.view === view).slice(0, newViewQuorum(env));
  if (viewChanges.length < newViewQuorum(env)) return null;
  return { kind: "NewView", view, viewChanges, prePrepares: newViewPrePrepares(view, viewChanges, env) };
}

/** Why a NEW-VIEW does not follow from the VIEW-CHANGEs it carries, or null. Objective, like its parts. */
export function newViewProblem(nv: NewView, env: Env): string | null {
  let previous = -1;
  for (const vc of nv.viewChanges) {
    if (vc.body.view !== nv.view) return `carries a view-change for view ${vc.body.view}`;
    if (vc.signer <= previous) return "view-changes not from distinct participants in order";
    if (!env.verify(vc)) return `the view-change of ${vc.signer} fails verification`;
    const problem = viewChangeProblem(vc, env);
    if (problem !== null) return `the view-change of ${vc.signer}: ${problem}`;
    previous = vc.signer;
  }
  if (nv.viewChanges.length < newViewQuorum(env)) {
    return `${nv.viewChanges.length} view-changes, need ${newViewQuorum(env)}`;
  }
  // Never trust the leader's pre-prepares: recompute them from the view-changes it carries.
  const expected = newViewPrePrepares(nv.view, nv.viewChanges, env);
  if (env.digest(expected) !== env.digest(nv.prePrepares))
    return "its pre-prepares do not follow from its view-changes";
  return null;
}
