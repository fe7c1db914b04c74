/**
 * The Byzantine alphabet (DESIGN.md §6, BPConProof's FakeAcceptor): every
 * message a faulty node can sign with its own key for the views, seqs and
 * digests in play. It cannot forge: the world signs only as the sender.
 *
 * In play: the views 0 and 1, the seqs 1..T of the T configured txns, and for each
 * client request the digests of both flags (SPIN's model lets a Byzantine voter send
 * "either value" the same way).
 *
 * View changes (PBFT §4.4), kept small: every Byzantine participant may ask for view 1
 * (a VIEW-CHANGE without checkpoint or certificates: it cannot build a certificate on
 * its own, since one needs the others' signed PREPAREs); the Byzantine leader of view 1
 * (P0) may pre-prepare in view 1 and send a NEW-VIEW carrying no VIEW-CHANGEs, which
 * every receiver must reject and hold as proof. A NEW-VIEW built from VIEW-CHANGEs it
 * has seen is knowledge-dependent: `newViewVariants` builds those for the explorer.
 *
 * This alphabet is the fault phase's. In the healed phase (after GST: the network is
 * timely, the faulty nodes are not honest) every Byzantine participant whose alphabet
 * holds a VIEW-CHANGE keeps asking for the view after each installed one, in the same
 * shape, for any view (adversary-complain.ts); every other move stops there.
 *
 * Named strategies restrict the alphabet (their moves are direct deliveries to one
 * honest target; the adversary controls timing anyway):
 * - `all`: every vote, confirmation and (as leader) pre-prepare, plus replays.
 * - `silent`: nothing.
 * - `equivocate`: PREPARE/COMMIT for every digest in play, current view only.
 * - `vote-both`: COMMIT only, for every digest: votes for proposals never prepared.
 * - `stale-view`: votes for a view below the current one (view 0 while in 1).
 * - `replay`: only replays of honest signed messages it has seen.
 * - `collude`: like `all`; the faulty nodes share one knowledge set (always true here).
 * - `twins`: like `all` (two honest copies under one identity are not modelled yet).
 */
import type { Digest, Message, NewView, NodeId, Outcome, Proposal, Signed, Txn, ViewChange } from "../spec/messages.js";
import { proposalDigest } from "../impl/core/digests.js";
import { newViewPrePrepares } from "../impl/core/new-view.js";
import { leaderOf } from "../impl/core/quorum.js";
import type { Env } from "../impl/core/types.js";
import type { CheckConfig } from "./check-config.js";

interface AlphabetInput {
  readonly config: CheckConfig;
  readonly env: Env;
  readonly coordinator: NodeId;
  readonly requests: readonly Signed<Txn>[];
}

const flags: readonly Outcome[] = ["commit", "abort"];

function proposalsInPlay(input: AlphabetInput): Proposal[] {
  return input.requests.flatMap((request) => flags.map((flag) => ({ request, flag })));
}

function votes(views: readonly number[], seqs: readonly number[], digests: readonly Digest[], kinds: readonly ("Prepare" | "Commit")[]): Message[] {
  const out: Message[] = [];
  for (const view of views) for (const seq of seqs) for (const digest of digests) for (const kind of kinds) out.push({ kind, view, seq, digest });
  return out;
}

export function byzantineAlphabet(input: AlphabetInput, self: NodeId): Message[] {
  const { config, env } = input;
  const strategy = config.strategy;
  if (strategy === "silent" || strategy === "replay") return [];
  const seqs = config.txns.map((_, i) => i + 1);
  const proposals = proposalsInPlay(input);
  const digests = proposals.map((p) => proposalDigest(p, env));
  if (self === input.coordinator) {
    // A Byzantine coordinator equivocates: any client-signed request, either flag, any seq, to anyone.
    return seqs.flatMap((seq) => proposals.map((proposal): Message =>
      ({ kind: "PrePrepare", view: 0, seq, digest: proposalDigest(proposal, env), proposal })));
  }
  switch (strategy) {
    case "equivocate": return votes([0], seqs, digests, ["Prepare", "Commit"]);
    case "vote-both": return votes([0], seqs, digests, ["Commit"]);
    case "stale-view": return votes([0], seqs, digests, ["Prepare", "Commit"]);
    case "all":
    case "collude":
    case "twins": {
      const confirms = input.requests.flatMap((r, i) => flags.map((outcome): Message =>
        ({ kind: "Confirm", seq: i + 1, txn: r.body.id, outcome, replicaDigest: "byzantine" })));
      return [...votes([0], seqs, digests, ["Prepare", "Commit"]), ...confirms, ...viewChangeMoves(input, self, seqs, proposals)];
    }
    default: return [];
  }
}

const firstChangedView = 1;

/** VIEW-CHANGE for view 1 from anyone; as the leader of view 1, its pre-prepares and an empty NEW-VIEW too. */
function viewChangeMoves(input: AlphabetInput, self: NodeId, seqs: readonly number[], proposals: readonly Proposal[]): Message[] {
  const view = firstChangedView;
  const out: Message[] = [{ kind: "ViewChange", view, stableSeq: 0, checkpointProof: [], prepared: [], pending: [] }];
  if (leaderOf(view, input.config.n) !== self) return out;
  for (const seq of seqs) for (const proposal of proposals) out.push({ kind: "PrePrepare", view, seq, digest: proposalDigest(proposal, input.env), proposal });
  out.push({ kind: "NewView", view, viewChanges: [], prePrepares: [] });
  return out;
}

/**
 * NEW-VIEWs the Byzantine leader of `view` can send once it has seen Q VIEW-CHANGEs
 * for it (its own among them or not): the honest one, and for each seq it derives, one
 * with that seq's pre-prepare made null — dropping a prepared txn, which every receiver
 * must catch by recomputing (impl/core/new-view.ts). For an explorer whose alphabet
 * depends on what the faulty nodes know (checker/actions.ts owns that).
 */
export function newViewVariants(view: number, known: readonly Signed<ViewChange>[], env: Env): NewView[] {
  const latest = new Map<NodeId, Signed<ViewChange>>();
  for (const vc of known) if (vc.body.view === view) latest.set(vc.signer, vc);
  const viewChanges = [...latest.values()].sort((a, b) => a.signer - b.signer).slice(0, env.config.quorum);
  if (viewChanges.length < env.config.quorum) return [];
  const honest = newViewPrePrepares(view, viewChanges, env);
  const nullDigest = proposalDigest(null, env);
  const variants = honest.filter((pp) => pp.digest !== nullDigest).map((dropped) =>
    honest.map((pp) => (pp.seq === dropped.seq ? { ...pp, digest: nullDigest, proposal: null } : pp)));
  return [honest, ...variants].map((prePrepares) => ({ kind: "NewView", view, viewChanges, prePrepares }));
}
