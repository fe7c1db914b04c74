/**
 * Named strategies (`--strategy`) are filters over the one Byzantine alphabet
 * (DESIGN.md §6): each keeps a part of it, for deep random runs that would drown in
 * the whole. Exhaustive search uses `all`. Each differs from every other:
 *
 * - `all`: everything — the fixed alphabet, forgeries, equivocation pairs, composites
 *   built from knowledge, replays.
 * - `silent`: nothing.
 * - `equivocate`: PREPARE/COMMIT in view 0 for the txns' seqs and the proposals'
 *   digests, sent in conflicting pairs too (SPIN's model a); a Byzantine coordinator
 *   pre-prepares every proposal at those seqs in view 0.
 * - `vote-both`: as `equivocate`, COMMITs only: votes for proposals never prepared.
 * - `stale-view`: votes and pre-prepares for every view in play and every digest
 *   (null and unmatched too) and the plain VIEW-CHANGEs that move views: messages of
 *   views the receiver left or has not reached.
 * - `replay`: only replays of honest signed messages it has seen.
 * - `forge`: only messages that carry a signature that does not verify: forged
 *   envelopes and messages with a forged nested signature.
 *
 * `collude` (was `all`: the faulty nodes always share one knowledge set here) and
 * `twins` (was `all`: two honest copies under one key were never modelled) are gone;
 * old traces that name them load as `all` (trace-file.ts).
 */
import type { Message } from "../../spec/messages.js";
import type { Strategy } from "./check-config.js";
import { verifySymbolic } from "./symbolic-crypto.js";

/** Whether `m` carries a signature, at any depth, that does not verify. */
export function carriesForgery(m: unknown): boolean {
  if (m === null || typeof m !== "object") return false;
  if (Array.isArray(m)) return m.some(carriesForgery);
  const o = m as Record<string, unknown>;
  if (typeof o["signature"] === "string" && typeof o["signer"] === "number" && !verifySymbolic(o as never)) return true;
  return Object.values(o).some(carriesForgery);
}

export interface StrategyParts {
  /** Which messages of the fixed alphabet it sends (signed as itself). */
  readonly keeps: (m: Message, ctx: StrategyFacts) => boolean;
  readonly forges: boolean;
  readonly pairs: boolean;
  readonly composes: boolean;
  readonly replays: boolean;
}

/** What the filters need to know about the run. */
export interface StrategyFacts {
  readonly txnCount: number;
  readonly proposalDigests: ReadonlySet<string>;
  readonly coordinatorSelf: boolean;
}

const plainVote = (m: Message, f: StrategyFacts): boolean =>
  (m.kind === "Prepare" || m.kind === "Commit") && m.view === 0 && m.seq <= f.txnCount &&
  f.proposalDigests.has(m.digest);

const coordinatorProposal = (m: Message, f: StrategyFacts): boolean =>
  f.coordinatorSelf && m.kind === "PrePrepare" && m.view === 0 && m.seq <= f.txnCount && m.proposal !== null &&
  f.proposalDigests.has(m.digest);

const nothing = { forges: false, pairs: false, composes: false, replays: false };

export function strategyParts(strategy: Strategy): StrategyParts {
  switch (strategy) {
    case "all": return { keeps: () => true, forges: true, pairs: true, composes: true, replays: true };
    case "silent": return { keeps: () => false, ...nothing };
    case "equivocate":
      return { keeps: (m, f) => plainVote(m, f) || coordinatorProposal(m, f), ...nothing, pairs: true };
    case "vote-both":
      return { keeps: (m, f) => (plainVote(m, f) && m.kind === "Commit") || coordinatorProposal(m, f), ...nothing,
        pairs: true };
    case "stale-view": return {
      keeps: (m) => !carriesForgery(m) && (m.kind === "Prepare" || m.kind === "Commit" || m.kind === "PrePrepare" ||
        (m.kind === "ViewChange" && m.stableSeq === 0 && m.prepared.length === 0 && m.pending.length === 0)),
      ...nothing, pairs: true,
    };
    case "replay": return { keeps: () => false, ...nothing, replays: true };
    case "forge": return { keeps: (m) => carriesForgery(m), ...nothing, forges: true };
    default: {
      const never: never = strategy;
      throw new RangeError(`unknown strategy ${String(never)}`);
    }
  }
}
