/**
 * The Byzantine alphabet (DESIGN.md §6, BPConProof's FakeAcceptor): every
 * message a faulty node can sign with its own key for the views, seqs and
 * digests in play. It cannot forge: the world signs only as the sender.
 *
 * In play: the views 0 and 1 (a second view only matters once view changes exist),
 * the seqs 1..T of the T configured txns, and for each client request the digests of
 * both flags (SPIN's model lets a Byzantine voter send "either value" the same way).
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
import type { Digest, Message, NodeId, Outcome, Proposal, Signed, Txn } from "../spec/messages.js";
import { proposalDigest } from "../impl/core/digests.js";
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
      return [...votes([0], seqs, digests, ["Prepare", "Commit"]), ...confirms];
    }
    default: return [];
  }
}
