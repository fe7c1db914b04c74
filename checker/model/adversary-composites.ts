/**
 * The knowledge-dependent part of the Byzantine alphabet: composites a faulty node can
 * build from the signed messages honest nodes sent to the faulty ones (the world's
 * knowledge; they collude, so it is shared) and its own signature:
 *
 * - checkpoint proofs: known CHECKPOINTs for one (seq, digest), completed with its own
 *   (real), one short of Q (truncated), or filled up with forgeries;
 * - prepared certificates: a known pre-prepare (or its own, in a view it leads) with the
 *   known matching PREPAREs of others: real, truncated, or filled up with forgeries; a
 *   certificate from an older view than another is the stale one;
 * - its VIEW-CHANGEs for every view in play carrying them, and one carrying the best of
 *   each with every pending request (what an honest one would carry);
 * - as the leader of a view: NEW-VIEWs from the VIEW-CHANGEs it knows for it (honest
 *   derivation, a prepared seq made null, one VIEW-CHANGE short, one of another view, its own unsound one),
 *   each with the pre-prepares it mandates and its own votes for them; and the sound
 *   NEW-VIEW of every quorum it can assemble (adversary-new-view-quorums.ts);
 * - STATE-REPLYs attaching a real proof to every replica it knows (its own choice included);
 * - its own CHECKPOINT on every (seq, digest) it saw, so it can complete a real proof.
 *
 * Deterministic: every list is built in knowledge order (sorted by fingerprint) and
 * deduplicated, so equal knowledge gives the equal alphabet (actions.ts caches it).
 */
import type {
  Checkpoint, Message, NewView, NodeId, PreparedCertificate, Prepare, PrePrepare, ReplicaData, Signed, View, ViewChange,
} from "../../spec/messages.js";
import { clientId, participantIds } from "../../spec/config.js";
import { canonicalJson } from "../../spec/canonical.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { leaderOf } from "../../impl/core/quorum.js";
import { emptyReplica } from "../../impl/core/replica.js";
import { computedReplicas, type AlphabetSource } from "./adversary-alphabet.js";
import { nulledPrePrepare, quorumNewViews } from "./adversary-new-view-quorums.js";
import { forgeAs, signAs } from "./symbolic-crypto.js";
import type { Envelope } from "./world.js";
import { asSeq } from "../../spec/ids.js";

interface Proof { readonly seq: number; readonly proof: readonly Signed<Checkpoint>[] }

const bySigner = <T extends { readonly signer: NodeId }>(a: T, b: T): number => a.signer - b.signer;

type SignedOf<K extends Message["kind"]> = Signed<Extract<Message, { kind: K }>>;

function knownOf<K extends Message["kind"]>(knowledge: readonly Envelope[], kind: K): SignedOf<K>[] {
  const out: SignedOf<K>[] = [];
  for (const e of knowledge) if (e.message.body.kind === kind) out.push(e.message as SignedOf<K>);
  return out;
}

/** Groups by a key, in first-seen order. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [item]);
    else g.push(item);
  }
  return [...groups.values()];
}

/** One per signer, the first seen, sorted by signer. */
function distinctSigners<T extends { readonly signer: NodeId }>(items: readonly T[]): T[] {
  const seen = new Set<NodeId>();
  return items.filter((x) => !seen.has(x.signer) && seen.add(x.signer) !== undefined).sort(bySigner);
}

const allParticipants = (s: AlphabetSource): NodeId[] => participantIds(s.env.config);

function checkpointProofs(s: AlphabetSource, knowledge: readonly Envelope[]): Proof[] {
  const q = s.env.config.quorum;
  const known = knownOf(knowledge, "Checkpoint").filter((c) => c.signer !== s.self);
  const out: Proof[] = [];
  for (const group of groupBy(known, (c) => `${c.body.seq}:${c.body.stateDigest}`)) {
    const first = group[0] as Signed<Checkpoint>;
    const real = distinctSigners([...group, signAs(s.self, first.body)]);
    const missing = allParticipants(s).filter((p) => !real.some((c) => c.signer === p));
    const filled = distinctSigners([...real, ...missing.map((p) => forgeAs(p, s.self, first.body))]);
    out.push({ seq: first.body.seq, proof: real.slice(0, q) });
    if (real.length >= q) out.push({ seq: first.body.seq, proof: real.slice(0, q - 1) });
    else out.push({ seq: first.body.seq, proof: filled.slice(0, q) });
  }
  return out;
}

function certificates(s: AlphabetSource, knowledge: readonly Envelope[]): PreparedCertificate[] {
  const need = s.env.config.quorum - 1;
  const n = s.env.config.participantCount;
  const prepares = knownOf(knowledge, "Prepare").filter((p) => p.signer !== s.self);
  const prePrepares = knownOf(knowledge, "PrePrepare");
  const slotKey = (b: { view: number; seq: number; digest: string }): string => `${b.view}:${b.seq}:${b.digest}`;
  const out: PreparedCertificate[] = [];
  // The leader's pre-prepare alone: a certificate with no PREPARE at all.
  const bare = prePrepares[0];
  if (bare !== undefined) out.push({ prePrepare: bare, prepares: [] });
  for (const pp of prePrepares) {
    const matching = distinctSigners(prepares.filter((p) => slotKey(p.body) === slotKey(pp.body)));
    const vote: Prepare = { kind: "Prepare", view: pp.body.view, seq: pp.body.seq, digest: pp.body.digest };
    const missing = allParticipants(s).filter((p) => p !== s.self && !matching.some((m) => m.signer === p));
    const filled = distinctSigners([...matching, ...missing.map((p) => forgeAs(p, s.self, vote))]);
    if (matching.length >= need) out.push({ prePrepare: pp, prepares: matching.slice(0, need) });
    const short = matching.length >= need ? matching.slice(0, need - 1) : filled.slice(0, need);
    out.push({ prePrepare: pp, prepares: short });
  }
  // In a view it leads, its own pre-prepare completes the PREPAREs others sent for it.
  for (const group of groupBy(prepares, (p) => slotKey(p.body))) {
    const { view, seq, digest } = (group[0] as Signed<Prepare>).body;
    const known = prePrepares.some((pp) => slotKey(pp.body) === slotKey({ view, seq, digest }));
    if (leaderOf(view, n) !== s.self || known) continue;
    const proposed = s.domains.proposals.find((p) => s.env.digest(p) === digest);
    const proposal = proposed ?? (digest === s.domains.nullDigest ? null : undefined);
    if (proposal === undefined) continue;
    const pp: PrePrepare = { kind: "PrePrepare", view, seq, digest, proposal };
    out.push({ prePrepare: signAs(s.self, pp), prepares: distinctSigners(group).slice(0, need) });
  }
  return out;
}

const emptyViewChange = (view: View): ViewChange =>
  ({ kind: "ViewChange", view, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending: [] });

/**
 * The honest-looking VIEW-CHANGE for `view`: the highest real proof, the best certificate per seq above it, and
 * every request.
 */
function fullViewChange(s: AlphabetSource, view: View, proofs: readonly Proof[],
  certs: readonly PreparedCertificate[]): ViewChange {
  const q = s.env.config.quorum;
  const stable = proofs.filter((p) => p.proof.length >= q)
    .reduce<Proof>((a, b) => (b.seq > a.seq ? b : a), { seq: 0, proof: [] });
  const best = new Map<number, PreparedCertificate>();
  for (const c of certs) {
    const { view: v, seq } = c.prePrepare.body;
    if (v >= view || seq <= stable.seq || c.prepares.length + 1 < q) continue;
    const held = best.get(seq);
    if (held === undefined || v > held.prePrepare.body.view) best.set(seq, c);
  }
  const prepared = [...best.values()].sort((a, b) => a.prePrepare.body.seq - b.prePrepare.body.seq);
  const pending = [...s.domains.requests].sort((a, b) => (a.body.id < b.body.id ? -1 : 1));
  return { kind: "ViewChange", view, stableSeq: asSeq(stable.seq), checkpointProof: stable.proof, prepared, pending };
}

function viewChanges(s: AlphabetSource, proofs: readonly Proof[], certs: readonly PreparedCertificate[]): ViewChange[] {
  const out: ViewChange[] = [];
  for (const view of s.domains.changeViews) {
    for (const p of proofs) out.push({ ...emptyViewChange(view), stableSeq: asSeq(p.seq), checkpointProof: p.proof });
    for (const c of certs) if (c.prePrepare.body.view < view) out.push({ ...emptyViewChange(view), prepared: [c] });
    if (proofs.length + certs.length > 0) out.push(fullViewChange(s, view, proofs, certs));
  }
  return out;
}

/** The NEW-VIEW variants for `view` from the VIEW-CHANGEs `carried` (first Q by signer), and its mandated messages. */
function newViewsFrom(s: AlphabetSource, view: View, carried: readonly Signed<ViewChange>[],
  stale: readonly Signed<ViewChange>[]): Message[] {
  const q = s.env.config.quorum;
  if (carried.length < q - 1) return [];
  const env = s.env;
  const chosen = carried.slice(0, q);
  const honest = newViewPrePrepares(view, chosen, env);
  const variants: PrePrepare[][] = [honest, ...honest.filter((pp) => pp.proposal !== null).map((dropped) =>
    honest.map((pp) => (pp.seq === dropped.seq ? nulledPrePrepare(pp, s.domains.nullDigest) : pp)))];
  const out: Message[] = [];
  if (chosen.length === q) {
    for (const prePrepares of variants) out.push({ kind: "NewView", view, viewChanges: chosen, prePrepares });
  }
  const short = chosen.slice(0, q - 1);
  out.push({ kind: "NewView", view, viewChanges: short, prePrepares: newViewPrePrepares(view, short, env) });
  const otherView = stale[0];
  if (otherView !== undefined && chosen.length === q) {
    const mixed = [...chosen.slice(0, q - 1).filter((vc) => vc.signer !== otherView.signer), otherView].sort(bySigner);
    out.push({ kind: "NewView", view, viewChanges: mixed, prePrepares: newViewPrePrepares(view, mixed, env) });
  }
  for (const nv of out.slice()) {
    for (const pp of (nv as NewView).prePrepares) {
      const slot = { view: pp.view, seq: pp.seq, digest: pp.digest };
      out.push(pp, { kind: "Prepare", ...slot }, { kind: "Commit", ...slot });
    }
  }
  return out;
}

/**
 * One NEW-VIEW whose pre-prepares follow from the VIEW-CHANGEs it carries, Q-1 honest ones and its own listing a
 * known request under a forged client signature: only the check of each carried VIEW-CHANGE (new-view.ts
 * `newViewProblem`) tells it from a sound one, and a receiver that installs it breaks I10d (mutation-triage.md,
 * draw 7: that check dropped survived every search).
 */
function unsoundOwnNewView(s: AlphabetSource, view: View, latest: readonly Signed<ViewChange>[]): Message[] {
  const q = s.env.config.quorum;
  const request = s.domains.requests[0];
  if (latest.length < q - 1 || request === undefined) return [];
  const forged = forgeAs(clientId(s.env.config), s.self, request.body);
  const claim: ViewChange = { ...emptyViewChange(view), pending: [forged] };
  const carried = [...latest.slice(0, q - 1), signAs(s.self, claim)].sort(bySigner);
  return [{ kind: "NewView", view, viewChanges: carried, prePrepares: newViewPrePrepares(view, carried, s.env) }];
}

function newViews(s: AlphabetSource, knowledge: readonly Envelope[], own: readonly ViewChange[]): Message[] {
  const n = s.env.config.participantCount;
  const known = knownOf(knowledge, "ViewChange").filter((vc) => vc.signer !== s.self);
  const out: Message[] = [];
  for (const view of s.domains.changeViews.filter((v) => leaderOf(v, n) === s.self)) {
    const latest = distinctSigners([...known].reverse().filter((vc) => vc.body.view === view));
    if (latest.length === 0) continue;
    const stale = known.filter((vc) => vc.body.view !== view);
    const mine = [emptyViewChange(view), ...own.filter((vc) => vc.view === view).slice(-1)];
    for (const vc of mine) out.push(...newViewsFrom(s, view, distinctSigners([...latest, signAs(s.self, vc)]), stale));
    out.push(...unsoundOwnNewView(s, view, latest));
    out.push(...quorumNewViews(s, view, latest, own));
  }
  return out;
}

function stateReplies(knowledge: readonly Envelope[], proofs: readonly Proof[],
  computed: readonly ReplicaData[]): Message[] {
  const received = knownOf(knowledge, "StateReply").map((r) => r.body.replica);
  const replicas: ReplicaData[] = [emptyReplica, ...computed, ...received];
  const out: Message[] = [];
  for (const p of proofs) {
    if (p.seq === 0) continue;
    for (const replica of replicas) out.push({ kind: "StateReply", seq: asSeq(p.seq), replica, proof: p.proof });
  }
  return out;
}

function ownCheckpoints(knowledge: readonly Envelope[]): Message[] {
  return knownOf(knowledge, "Checkpoint").map((c): Checkpoint => ({ ...c.body }));
}

/** Every composite of `s.self` from `knowledge`, deduplicated by content, in a fixed order. */
export function composites(s: AlphabetSource, knowledge: readonly Envelope[]): Message[] {
  if (knowledge.length === 0) return [];
  const proofs = checkpointProofs(s, knowledge);
  const certs = certificates(s, knowledge);
  const vcs = viewChanges(s, proofs, certs);
  const replies = stateReplies(knowledge, proofs, computedReplicas(s));
  const all: Message[] = [...ownCheckpoints(knowledge), ...vcs, ...newViews(s, knowledge, vcs), ...replies];
  const seen = new Set<string>();
  return all.filter((m) => {
    const key = canonicalJson(m);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
