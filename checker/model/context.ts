/**
 * Everything fixed for one run of the checker: the core's env with symbolic
 * crypto, who is honest, the client's signed requests, the Byzantine alphabet,
 * and the structural hasher. Created per run; never shared across runs.
 */
import { clientId, coordinatorId, participantIds } from "../../spec/config.js";
import type { Message, NodeId, Signed, Txn } from "../../spec/messages.js";
import type { Env } from "../../impl/core/types.js";
import { withNode, type NodeSet } from "../../impl/core/quorum.js";
import type { CheckConfig } from "./check-config.js";
import { makeAdversary, type Adversary } from "./adversary.js";
import { EffectiveMoves } from "./adversary-effective.js";
import { StructuralHasher } from "../engine/structural-hash.js";
import { digestSymbolic, ForgeryIntern, signAs, verifySymbolic } from "./symbolic-crypto.js";
import { memoizedDigest, MessageIntern } from "./message-intern.js";
import { StepMemo } from "./step-memo.js";
import { makeJudge } from "./justify-judge.js";
import type { Judge } from "../../spec/held-state.js";
import { ActionCaches } from "./action-caches.js";
import { CanonicalKeys } from "./canonical-keys.js";
import { appliedMutant } from "../mutants/applied.js";

/** Why a config cannot run on this build: it names a mutant this core does not carry, or the reverse. */
function mismatchedMutant(named: string | null, carried: string | null): string {
  if (carried === null) {
    return `the config names mutant "${named}", but this is the real core: run it in its patched build ` +
      `(npm run check -- --mutant ${named}, or checker/mutants/patched-build.ts)`;
  }
  return `this build carries mutant "${carried}", but the config names ${named === null ? "none" : `"${named}"`}`;
}

export interface CheckContext {
  readonly config: CheckConfig;
  readonly env: Env;
  readonly hasher: StructuralHasher;
  readonly coordinator: NodeId;
  /** Honest nodes: stepped by the core and held to the invariants. */
  readonly honest: readonly NodeId[];
  /**
   * Whether the coordinator runs the core: `honest`, or `silent` — honest until it
   * stops for good at a step of the adversary's choosing (crash-stop; world.silenced).
   */
  readonly coordinatorStepped: boolean;
  /** Whether crashes can happen, so the world must keep each node's last persisted state. */
  readonly tracksPersistence: boolean;
  readonly honestParticipants: readonly NodeId[];
  /** Participants and a coordinator that are Byzantine. */
  readonly faulty: NodeSet;
  readonly requests: readonly Signed<Txn>[];
  /** Per faulty node: the messages it may sign and send (empty under the `silent` strategy). */
  readonly alphabet: ReadonlyMap<NodeId, readonly Message[]>;
  /** Whether the world keeps what the faulty nodes see: for replays and composites. */
  readonly replays: boolean;
  /** The whole Byzantine side of the run: domains, fixed alphabet, forgeries, pairs (adversary.ts). */
  readonly adversary: Adversary;
  readonly forgeries: ForgeryIntern;
  /** Byzantine moves that change something, per target node state (adversary-effective.ts). */
  readonly effective: EffectiveMoves;
  readonly messages: MessageIntern;
  /** Canonical encodings memoised per object, for every run of the context (canonical-keys.ts says why). */
  readonly canonicalKeys: CanonicalKeys;
  /** Deliveries memoized per (node state, signed message): the core is pure (step-memo.ts). */
  readonly stepMemo: StepMemo;
  /** What the justification invariants (I10) re-check retained messages with (justify-judge.ts). */
  readonly judge: Judge;
  /** The action enumeration's memo tables (action-caches.ts). */
  readonly actionCaches: ActionCaches;
  /** Per faulty node: conflicting message pairs sent as one move, or null when not enumerated (see actions.ts). */
  readonly equivocationPairs: ReadonlyMap<NodeId, readonly (readonly [Message, Message])[]> | null;
}

export function makeContext(config: CheckConfig): CheckContext {
  if (config.mutant !== appliedMutant) throw new Error(mismatchedMutant(config.mutant, appliedMutant));
  const env: Env = { config: config.protocol, verify: verifySymbolic, digest: memoizedDigest(digestSymbolic) };
  const coordinator = coordinatorId(config.protocol);
  let faulty = 0;
  for (const b of config.byzantine) faulty = withNode(faulty, b);
  const coordinatorStepped = config.coordinator !== "byzantine";
  if (!coordinatorStepped) faulty = withNode(faulty, coordinator);
  const honestParticipants = participantIds(config.protocol).filter((i) => !config.byzantine.includes(i));
  const honest = coordinatorStepped ? [...honestParticipants, coordinator] : honestParticipants;
  const requests = config.txns.map((t) => signAs(clientId(config.protocol), t.txn));
  const partial = { config, env, coordinator, requests };
  const adversary = makeAdversary(partial);
  const alphabet = adversary.alphabet;
  const replays = adversary.replays || adversary.composes;
  const canonicalKeys = new CanonicalKeys();
  return {
    config, env, hasher: new StructuralHasher(), coordinator, honest, coordinatorStepped,
    tracksPersistence: config.budgets.crashes > 0,
    honestParticipants, faulty, requests, alphabet,
    replays: replays && alphabet.size > 0, messages: new MessageIntern(canonicalKeys), stepMemo: new StepMemo(),
    canonicalKeys, judge: makeJudge(env),
    actionCaches: new ActionCaches(),
    equivocationPairs: adversary.pairs, adversary, forgeries: new ForgeryIntern(), effective: new EffectiveMoves(),
  };
}

/**
 * The same context with its own mutable tables (message intern, delivery memo, action caches): for one
 * run of many (random mode), so that no run is ever handed a message or a memoized step
 * an earlier run made. The alphabet, requests and env are immutable and stay shared.
 */
export function withFreshTables(ctx: CheckContext): CheckContext {
  return {
    ...ctx, messages: new MessageIntern(ctx.canonicalKeys), stepMemo: new StepMemo(),
    actionCaches: new ActionCaches(ctx.actionCaches.compositesByKey),
  };
}
