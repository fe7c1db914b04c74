/**
 * The fixed part of the Byzantine alphabet, derived from the message schemas
 * (spec/messages.ts) as TLA+'s BPConProof `FakeAcceptor`: every well-formed message a
 * faulty node can sign with its own key, over the bounded domains of
 * adversary-domains.ts. One generator per member of the `Message` union: the record
 * type makes a new kind a compile error here, and test/checker/adversary-completeness
 * fails until its values show up.
 *
 * Besides the honest-looking values, each kind gets the well-typed but inconsistent
 * values a decoder lets through: a digest that matches no body, a request the client
 * did not sign, nested signatures that do not verify (forgeries: the faulty node writes
 * another node's name on them), a checkpoint claimed without proof, a certificate whose
 * pre-prepare its carrier signed as a non-leader, a NEW-VIEW carrying VIEW-CHANGEs of
 * another view. What needs what the faulty nodes saw (real certificates, proofs,
 * VIEW-CHANGEs) is built in adversary-composites.ts.
 */
import type {
  Checkpoint, Message, MessageKind, NewView, NodeId, PreparedCertificate, PrePrepare, Prepare, ReplicaData, Signed, Txn,
  View, ViewChange,
} from "../../spec/messages.js";
import { clientId, participantIds } from "../../spec/config.js";
import { batchDigest, proposalDigest } from "../../impl/core/digests.js";
import { batchFields, confirmFields } from "../../spec/batch.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { leaderOf } from "../../impl/core/quorum.js";
import { emptyReplica, execute } from "../../impl/core/replica.js";
import type { Env } from "../../impl/core/types.js";
import { flagsInPlay, type Domains } from "./adversary-domains.js";
import { forgeAs, signAs } from "./symbolic-crypto.js";
import { asDigest, asSeq, asView } from "../../spec/ids.js";

export interface AlphabetSource {
  readonly env: Env;
  readonly domains: Domains;
  /** The faulty node whose messages these are. */
  readonly self: NodeId;
}

type Generator<K extends MessageKind> = (s: AlphabetSource) => Extract<Message, { kind: K }>[];

/** Views in play that `self` leads (view 0 is the coordinator's). */
function ledViews(s: AlphabetSource): View[] {
  const n = s.env.config.participantCount;
  return [asView(0), ...s.domains.changeViews].filter((v) => leaderOf(v, n) === s.self);
}

const participants = (s: AlphabetSource): NodeId[] => participantIds(s.env.config);
const others = (s: AlphabetSource): NodeId[] => participants(s).filter((p) => p !== s.self);

/**
 * Txns the client never signed: the first request's id with no operations, signed by the
 * faulty node itself, and the first request's body under the client's forged signature.
 */
function unsignedRequests(s: AlphabetSource): Signed<Txn>[] {
  const first = s.domains.requests[0];
  if (first === undefined) return [];
  const empty = signAs(s.self, { ...first.body, writes: [], reads: [] });
  return [empty, forgeAs(clientId(s.env.config), s.self, first.body)];
}

type RequestMessage = Extract<Message, { kind: "Request" }>;

const request: Generator<"Request"> = (s) => [
  ...s.domains.proposals.map((p): RequestMessage => ({ kind: "Request", request: p.request, flag: p.flag })),
  ...unsignedRequests(s).map((r): RequestMessage => ({ kind: "Request", request: r, flag: "commit" })),
];

function prePrepareOf(view: View, seq: number, proposal: PrePrepare["proposal"], env: Env): PrePrepare {
  return { kind: "PrePrepare", view, seq: asSeq(seq), digest: proposalDigest(proposal, env), proposal };
}

/**
 * As the leader of each view it leads: every proposal and the null one at every seq; per
 * view and seq one whose digest names another body, and per view one carrying a request
 * the client did not sign. As a non-leader: one pre-prepare for the lowest view it does
 * not lead, and one for the lowest changed view it does not lead (the leader rule).
 */
const prePrepare: Generator<"PrePrepare"> = (s) => {
  const { domains, env } = s;
  const out: PrePrepare[] = [];
  for (const view of ledViews(s)) {
    for (const seq of domains.seqs) {
      for (const proposal of domains.proposals) out.push(prePrepareOf(view, seq, proposal, env));
      out.push(prePrepareOf(view, seq, null, env));
      const body = domains.proposals[0] ?? null;
      out.push({ kind: "PrePrepare", view, seq, digest: domains.digests[1] ?? domains.nullDigest, proposal: body });
    }
    const seq = domains.seqs[0] ?? 1;
    for (const r of unsignedRequests(s)) out.push(prePrepareOf(view, seq, { request: r, flag: "commit" }, env));
    out.push(...batchPrePrepares(s, view));
  }
  const n = env.config.participantCount;
  const foreign = [asView(0), ...domains.changeViews].find((v) => leaderOf(v, n) !== s.self);
  if (foreign !== undefined) out.push(prePrepareOf(foreign, domains.seqs[0] ?? 1, domains.proposals[0] ?? null, env));
  // And in a changed view it does not lead: view 0's is the coordinator's, judged by another branch of the rule.
  const foreignChanged = domains.changeViews.find((v) => leaderOf(v, n) !== s.self);
  if (foreignChanged !== undefined && foreignChanged !== foreign) {
    out.push(prePrepareOf(foreignChanged, domains.seqs[0] ?? 1, domains.proposals[0] ?? null, env));
  }
  return out;
};

/**
 * With batches (spec/batch.ts): every batch of the domains at every seq, and per view one whose `rest` is empty
 * (a second encoding of a batch of one, which no honest leader sends).
 */
function batchPrePrepares(s: AlphabetSource, view: View): PrePrepare[] {
  const { domains, env } = s;
  if (domains.batches.length === 0) return [];
  const out: PrePrepare[] = [];
  for (const seq of domains.seqs) {
    for (const batch of domains.batches) {
      out.push({ kind: "PrePrepare", view, seq, digest: batchDigest(batch, env), ...batchFields(batch) });
    }
  }
  const first = domains.proposals[0];
  if (first !== undefined) {
    out.push({ ...prePrepareOf(view, domains.seqs[0] ?? 1, first, env), rest: [] });
  }
  return out;
}

function votes<K extends "Prepare" | "Commit">(kinds: readonly K[]): Generator<K> {
  return (s) => {
    const out: Extract<Message, { kind: K }>[] = [];
    const { votingViews, seqs, digests } = s.domains;
    for (const view of votingViews) for (const seq of seqs) for (const digest of digests) {
      for (const kind of kinds) out.push({ kind, view, seq, digest } as Extract<Message, { kind: K }>);
    }
    return out;
  };
}

const confirm: Generator<"Confirm"> = (s) => {
  const out: Extract<Message, { kind: "Confirm" }>[] = [];
  for (const seq of s.domains.seqs) for (const txn of s.domains.txnIds) for (const outcome of flagsInPlay) {
    for (const replicaDigest of s.domains.replicaDigests) {
      out.push({ kind: "Confirm", seq, txn, outcome, replicaDigest });
    }
  }
  return [...out, ...batchConfirms(s)];
};

/**
 * With batches (spec/batch.ts): a confirmation of every pair of two different txns in client order, with every
 * pair of outcomes, at every seq, and per seq one whose `rest` is empty (a second encoding of a confirmation of
 * one txn, which no honest participant sends).
 */
function batchConfirms(s: AlphabetSource): Extract<Message, { kind: "Confirm" }>[] {
  const { domains } = s;
  if (domains.batches.length === 0) return [];
  const out: Extract<Message, { kind: "Confirm" }>[] = [];
  const ids = domains.txnIds;
  for (const seq of domains.seqs) for (const replicaDigest of domains.replicaDigests) {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
      for (const first of flagsInPlay) for (const second of flagsInPlay) {
        const decided = [{ txn: ids[i] as string, outcome: first }, { txn: ids[j] as string, outcome: second }];
        out.push({ kind: "Confirm", seq, ...confirmFields(decided), replicaDigest });
      }
    }
    const txn = ids[0];
    if (txn !== undefined) out.push({ kind: "Confirm", seq, txn, outcome: "commit", replicaDigest, rest: [] });
  }
  return out;
}

const checkpoint: Generator<"Checkpoint"> = (s) => s.domains.checkpointSeqs.flatMap((seq) =>
  s.domains.replicaDigests.map((stateDigest): Checkpoint => ({ kind: "Checkpoint", seq, stateDigest })));

/** Q CHECKPOINTs for `seq` claiming other participants' signatures: none verifies. */
function forgedProof(s: AlphabetSource, seq: number): Signed<Checkpoint>[] {
  const stateDigest = s.domains.replicaDigests[0] ?? asDigest("");
  const body: Checkpoint = { kind: "Checkpoint", seq: asSeq(seq), stateDigest };
  return others(s).slice(0, s.env.config.quorum).map((p) => forgeAs(p, s.self, body));
}

/**
 * Certificates for (view - 1, first seq, first proposal) its carrier made up: the
 * pre-prepare signed by itself (not the leader, unless it is) with forged PREPAREs, and
 * the pre-prepare forged in the leader's name with PREPAREs it signed itself as well as forged.
 */
function madeUpCertificates(s: AlphabetSource, view: View): PreparedCertificate[] {
  const pp = prePrepareOf(asView(view - 1), s.domains.seqs[0] ?? 1, s.domains.proposals[0] ?? null, s.env);
  const prepare: Prepare = { kind: "Prepare", view: pp.view, seq: pp.seq, digest: pp.digest };
  const prepares = others(s).slice(0, s.env.config.quorum - 1).map((p) => forgeAs(p, s.self, prepare));
  const leader = leaderOf(pp.view, s.env.config.participantCount);
  return [{ prePrepare: signAs(s.self, pp), prepares }, { prePrepare: forgeAs(leader, s.self, pp), prepares }];
}

const emptyViewChange = (view: View): ViewChange =>
  ({ kind: "ViewChange", view, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending: [] });

/**
 * For every view in play: the empty VIEW-CHANGE (the complainer's shape), one carrying
 * every client request as pending, one claiming a checkpoint it cannot prove, one with a
 * forged proof, one with a made-up certificate, one with a pending txn the client never signed.
 */
const viewChange: Generator<"ViewChange"> = (s) => {
  const k = s.env.config.checkpointInterval;
  return s.domains.changeViews.flatMap((view): ViewChange[] => [
    emptyViewChange(view),
    { ...emptyViewChange(view), pending: [...s.domains.requests].sort((a, b) => (a.body.id < b.body.id ? -1 : 1)) },
    { ...emptyViewChange(view), stableSeq: asSeq(k) },
    { ...emptyViewChange(view), stableSeq: asSeq(k), checkpointProof: forgedProof(s, k) },
    ...madeUpCertificates(s, view).map((c): ViewChange => ({ ...emptyViewChange(view), prepared: [c] })),
    { ...emptyViewChange(view), pending: unsignedRequests(s).slice(0, 1) },
  ]);
};

/**
 * For each view it leads: the empty NEW-VIEW; one from its own VIEW-CHANGE and forged
 * ones of the others (the carried signatures do not verify) with the pre-prepares they
 * derive; one carrying its VIEW-CHANGE for another view; one carrying its own twice. As a
 * participant, the empty NEW-VIEW of the lowest changed view it does not lead.
 */
const newView: Generator<"NewView"> = (s) => {
  const { env } = s;
  const out: NewView[] = [];
  for (const view of ledViews(s).filter((v) => v > 0)) {
    const own = signAs(s.self, emptyViewChange(view));
    const forged = others(s).slice(0, env.config.quorum - 1).map((p) => forgeAs(p, s.self, emptyViewChange(view)));
    const carried = [own, ...forged].sort((a, b) => a.signer - b.signer);
    const otherView = signAs(s.self, emptyViewChange(asView(view === 1 ? 2 : view - 1)));
    out.push({ kind: "NewView", view, viewChanges: [], prePrepares: [] });
    out.push({ kind: "NewView", view, viewChanges: carried, prePrepares: newViewPrePrepares(view, carried, env) });
    out.push({ kind: "NewView", view, viewChanges: [otherView], prePrepares: [] });
    out.push({ kind: "NewView", view, viewChanges: [own, own], prePrepares: [] });
  }
  // A participant's NEW-VIEW for the lowest changed view it does not lead: only the leader may start a view, and
  // anyone else's signed NEW-VIEW is proof against it (actions.ts sends it to the coordinator only).
  const foreign = s.self < env.config.participantCount
    ? s.domains.changeViews.find((v) => leaderOf(v, env.config.participantCount) !== s.self) : undefined;
  if (foreign !== undefined) out.push({ kind: "NewView", view: foreign, viewChanges: [], prePrepares: [] });
  return out;
};

const stateRequest: Generator<"StateRequest"> = (s) => s.domains.seqs.map((seq) => ({ kind: "StateRequest", seq }));

/**
 * Replicas anyone can compute from public requests: the first request executed at seq 1
 * with either flag (adversary-composites.ts adds the ones the faulty nodes receive).
 */
export function computedReplicas(s: AlphabetSource): ReplicaData[] {
  return s.domains.proposals.filter((p) => p.request === s.domains.requests[0])
    .map((p) => execute(emptyReplica, p.request.body, p.flag, asSeq(1)).replica);
}

/**
 * Per checkpoint seq: the empty replica with no proof, with a forged proof, and with its
 * own CHECKPOINT Q times; each computed replica with a forged proof of its own digest.
 */
type StateReplyMessage = Extract<Message, { kind: "StateReply" }>;

const stateReply: Generator<"StateReply"> = (s) => s.domains.checkpointSeqs.flatMap((seq): StateReplyMessage[] => {
  const replica = emptyReplica;
  const own = signAs(s.self, { kind: "Checkpoint" as const, seq, stateDigest: s.domains.replicaDigests[0] ??
        asDigest("") });
  const forgedFor = (r: ReplicaData): Signed<Checkpoint>[] =>
    forgedProof(s, seq).map((c) => ({ ...c, body: { ...c.body, stateDigest: s.env.digest(r) } }));
  return [
    { kind: "StateReply", seq, replica, proof: [] },
    { kind: "StateReply", seq, replica, proof: forgedProof(s, seq) },
    { kind: "StateReply", seq, replica, proof: Array.from({ length: s.env.config.quorum }, () => own) },
    ...computedReplicas(s).map((r): StateReplyMessage => ({ kind: "StateReply", seq, replica: r, proof: forgedFor(r) }),
    ),
  ];
});

/** One generator per kind of the `Message` union, in the union's order. */
export const generators: { readonly [K in MessageKind]: Generator<K> } = {
  Request: request,
  PrePrepare: prePrepare,
  Prepare: votes(["Prepare"]),
  Commit: votes(["Commit"]),
  Confirm: confirm,
  Checkpoint: checkpoint,
  ViewChange: viewChange,
  NewView: newView,
  StateRequest: stateRequest,
  StateReply: stateReply,
};

/**
 * The fixed alphabet of one faulty node: every generator's messages. Votes come first
 * with PREPARE and COMMIT interleaved per digest, then the rest in the union's order.
 */
export function fixedAlphabet(s: AlphabetSource): Message[] {
  const out: Message[] = votes(["Prepare", "Commit"])(s);
  for (const kind of Object.keys(generators) as MessageKind[]) {
    if (kind === "Prepare" || kind === "Commit") continue;
    out.push(...(generators[kind] as Generator<MessageKind>)(s));
  }
  return out;
}
