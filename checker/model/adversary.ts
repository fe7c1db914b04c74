/**
 * The Byzantine alphabet (DESIGN.md §6, BPConProof's FakeAcceptor), assembled per
 * faulty node for one run:
 *
 * 1. the fixed alphabet (adversary-alphabet.ts): every message kind of the schema
 *    union over the bounded domains in play (adversary-domains.ts), inconsistent
 *    values and nested forgeries included, signed with its own key;
 * 2. forgeries: messages naming an honest node as their signer with a signature that
 *    does not verify (`forge` actions): what the receiver must suspect the sender of,
 *    never prove the named signer;
 * 3. equivocation pairs: two conflicting messages for one (kind, view, seq) back to
 *    back (the latent-Byzantine reduction skips a lone first half);
 * 4. composites built from what the faulty nodes know (adversary-composites.ts) and
 *    replays of what they saw: enumerated per world by actions.ts.
 *
 * A named strategy (adversary-strategy.ts) keeps a part of each. In the healed phase
 * every Byzantine participant whose alphabet holds a VIEW-CHANGE keeps asking for the
 * view after each installed one (adversary-complain.ts); every other move stops there.
 */
import type { Message, NodeId, Signed, Txn } from "../../spec/messages.js";
import { coordinatorId } from "../../spec/config.js";
import { leaderOf } from "../../impl/core/quorum.js";
import type { Env } from "../../impl/core/types.js";
import { fixedAlphabet, type AlphabetSource } from "./adversary-alphabet.js";
import { domainsOf, type Domains } from "./adversary-domains.js";
import { carriesForgery, strategyParts, type StrategyFacts } from "./adversary-strategy.js";
import type { CheckConfig } from "./check-config.js";
import { asNodeId, asView } from "../../spec/ids.js";

export interface AlphabetInput {
  readonly config: CheckConfig;
  readonly env: Env;
  readonly coordinator: NodeId;
  readonly requests: readonly Signed<Txn>[];
}

/** A forged message: `message` claiming `signer`, sent by the faulty node whose list holds it. */
export interface Forgery {
  readonly signer: NodeId;
  readonly message: Message;
}

export interface Adversary {
  readonly domains: Domains;
  readonly sources: ReadonlyMap<NodeId, AlphabetSource>;
  /** Per faulty node: the fixed messages it signs and sends. */
  readonly alphabet: ReadonlyMap<NodeId, readonly Message[]>;
  readonly forgeries: ReadonlyMap<NodeId, readonly Forgery[]>;
  readonly pairs: ReadonlyMap<NodeId, readonly (readonly [Message, Message])[]>;
  readonly composes: boolean;
  readonly replays: boolean;
}

/** The faulty nodes: Byzantine participants, then a Byzantine coordinator. */
export function faultyNodes(input: AlphabetInput): NodeId[] {
  return [...input.config.byzantine, ...(input.config.coordinator === "byzantine" ? [input.coordinator] : [])];
}

export function makeAdversary(input: AlphabetInput): Adversary {
  const faulty = faultyNodes(input);
  const domains = domainsOf(input, faulty);
  const parts = strategyParts(input.config.strategy);
  const sources = new Map<NodeId, AlphabetSource>();
  const alphabet = new Map<NodeId, readonly Message[]>();
  const forgeries = new Map<NodeId, readonly Forgery[]>();
  const pairs = new Map<NodeId, readonly (readonly [Message, Message])[]>();
  // Batch digests (spec/batch.ts) stay out: every pair of them is one more stored proof per slot, and an
  // equivocation proves the same whichever two digests it names.
  const proposalDigests = new Set(domains.digests.slice(0, domains.proposals.length));
  for (const self of faulty) {
    const source: AlphabetSource = { env: input.env, domains, self };
    const coordinatorSelf = self === input.coordinator;
    const facts: StrategyFacts = { txnCount: input.config.txns.length, proposalDigests, coordinatorSelf };
    const kept = fixedAlphabet(source).filter((m) => parts.keeps(m, facts));
    sources.set(self, source);
    alphabet.set(self, kept);
    forgeries.set(self, parts.forges ? forgeriesOf(input, source, faulty) : []);
    pairs.set(self, parts.pairs ? conflictingPairs(kept, proposalDigests) : []);
  }
  return { domains, sources, alphabet, forgeries, pairs, composes: parts.composes, replays: parts.replays };
}

/** The messages the existing API handed out: the fixed alphabet of `self`. */
export function byzantineAlphabet(input: AlphabetInput, self: NodeId): Message[] {
  return [...(makeAdversary(input).alphabet.get(self) ?? [])];
}

/**
 * Whom a forger names: the lowest honest participant and the honest leaders of views 0
 * and 1 (the receivers' checks do not depend on which honest name it is). For each, one
 * message of every kind that node may send, two conflicting ones for votes.
 */
function forgeriesOf(input: AlphabetInput, forger: AlphabetSource, faulty: readonly NodeId[]): Forgery[] {
  const n = input.config.n;
  const everyone = [...Array.from({ length: n }, (_, i) => i), coordinatorId(input.config.protocol)];
  const honest = everyone.filter((x) => !faulty.includes(asNodeId(x)));
  const named = [honest[0], leaderOf(asView(0), n), leaderOf(asView(1), n)].filter((x, i, all): x is NodeId =>
    x !== undefined && honest.includes(x) && all.indexOf(x) === i);
  const out: Forgery[] = [];
  for (const signer of named) {
    const asSigner = fixedAlphabet({ ...forger, self: signer })
      .filter((m) => !carriesForgery(m) && plausible(m, signer, input));
    const firstOfKind = new Map<string, number>();
    for (const m of asSigner) {
      const count = firstOfKind.get(m.kind) ?? 0;
      const limit = m.kind === "Prepare" || m.kind === "Commit" ? 2 : 1;
      if (count >= limit || ("view" in m && m.view > 1) || ("seq" in m && m.seq !== forger.domains.seqs[0])) continue;
      firstOfKind.set(m.kind, count + 1);
      out.push({ signer, message: m });
    }
  }
  return out;
}

/** Whether an honest `signer` could send `m` at all: leader messages from the leader, relays from the coordinator. */
function plausible(m: Message, signer: NodeId, input: AlphabetInput): boolean {
  const n = input.config.n;
  switch (m.kind) {
    case "PrePrepare":
    case "NewView": return leaderOf(m.view, n) === signer;
    case "Request": return signer === input.coordinator;
    default: return signer !== input.coordinator;
  }
}

/** The kinds whose two signed versions for one (view, seq) are proof of equivocation. */
const pairedKinds: ReadonlySet<string> = new Set(["Prepare", "Commit", "PrePrepare", "Checkpoint", "Confirm"]);

/**
 * Conflicting pairs for one (kind, view, seq): what an honest receiver must prove (I6).
 * Every pair among the proposals' digests, and the first message with each other value
 * (null, unmatched, another replica digest): one pair per conflicting value suffices.
 */
type Pair = readonly [Message, Message];

function conflictingPairs(messages: readonly Message[], proposalDigests: ReadonlySet<string>): Pair[] {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    if (carriesForgery(m)) continue;
    if (!pairedKinds.has(m.kind) || !("seq" in m)) continue;
    const key = `${m.kind}|${"view" in m ? m.view : ""}|${m.seq}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [m]);
    else g.push(m);
  }
  const out: (readonly [Message, Message])[] = [];
  const proposed = (m: Message): boolean =>
    "digest" in m && proposalDigests.has(m.digest) && (m.kind !== "PrePrepare" || m.proposal !== null);
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as Message;
        const b = group[j] as Message;
        if ((proposed(a) && proposed(b)) || (i === 0 && !proposed(b))) out.push([a, b]);
      }
    }
  }
  return out;
}
