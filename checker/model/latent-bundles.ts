/**
 * The latent-Byzantine reduction with two or more Byzantine participants: bundles of silent votes.
 *
 * The reduction skips a Byzantine move its target merely absorbs (its state changes, it emits nothing: effect
 * "absorbed", routed-step.ts). With one Byzantine participant that is sound (README "Reductions"): such a vote
 * matters only when a later step at the same target combines it with others, and the vote itself can always be
 * that later step, since a quorum counts a faulty node once. With f of them a quorum can need f faulty votes, and
 * each but the last is absorbed (latent-reduction-f2.test.ts: P5's and P6's PREPAREs at P0), so skipping every
 * absorbed move makes that quorum unreachable.
 *
 * Here an absorbed move B at target j (state s before it, s1 after) is kept when it heads a bundle: some chain of
 * at most f - 1 further Byzantine moves to j, each but the last absorbed, ends in a reaction that depends on B,
 * that is, the last move reacts after B but not, or not the same way (other sends, timers, persistence or
 * knowledge), when the same chain is delivered to s without B. Every other absorbed move is skipped as before.
 * With f = 1 no chain is allowed, so this is exactly the one-participant reduction.
 *
 * Why the same honest-observable states stay reachable (the argument; latent-reduction-bundles.test.ts checks it
 * on configurations small enough to exhaust both ways). Take a path of the full search and let B be an absorbed
 * Byzantine move at j that the reduced search skips. B emitted nothing, so it changed only j's log; postpone it,
 * with every other skipped absorbed move at j, past the steps of other nodes (which cannot see it) and past the
 * steps at j that do not depend on it, to just after the first step R at j whose effect differs for it (a step
 * that reacts only because of the logged votes). The core decides on the set of votes logged, not on their order
 * (quorums are counts over distinct signers, proofs are pairs of conflicting signed messages), so delivering R
 * first and the postponed votes after it leaves j in the state the original order left it, and the last of them
 * makes the reaction R made. Those postponed votes are at most f per quorum (one per faulty signer): each but the
 * last is absorbed and, with the last, forms a chain that reacts because of it, so each heads a bundle and is
 * kept; the last reacts and is kept anyway. Postponing never lengthens the path. The order-independence is a
 * claim about this core, not a theorem of the checker, hence the test; a move whose dependent reaction needs an
 * honest step between two faulty votes is still found, as the honest step is taken first.
 *
 * Which moves are chained: the faulty senders' fixed alphabet, their composites for the world's knowledge
 * (knowledge does not change under an absorbed move: nothing was sent) and their equivocation pairs. Replays
 * resend an honest signer's message, which reaches j by its own delivery too; forgeries never verify.
 *
 * Memoized per (s, s1, composites): node states are hash-consed by the step memo, and what a chain does is a
 * function of the states and the messages alone (step-memo.ts).
 */
import type { Message, NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState } from "../../impl/core/types.js";
import type { Composites } from "./action-caches.js";
import { compositesKnown, routed } from "./actions.js";
import { stepsOf } from "./adversary-effective.js";
import type { CheckContext } from "./context.js";
import type { RoutedStep } from "./routed-step.js";
import type { World } from "./world.js";

/** No composites (an alphabet without them): one key for the memo. */
const noComposites: Composites = new Map();
const noPairs: readonly (readonly [Message, Message])[] = [];

export class LatentBundles {
  /** How many more faulty moves may follow the head of a bundle: f - 1. */
  readonly chain: number;
  /** Per s1, per s, per composites table: whether an absorbed move from s to s1 heads a bundle. */
  private readonly memo = new WeakMap<NodeState, WeakMap<NodeState, WeakMap<Composites, Map<NodeId, boolean>>>>();
  /** Bundle heads found (kept) and absorbed moves skipped, for the report. */
  heads = 0;
  skipped = 0;

  constructor(private readonly ctx: CheckContext) {
    this.chain = Math.max(0, ctx.config.byzantine.length - 1);
  }

  /** Whether an absorbed Byzantine move at `to` in `world`, which took its state from `before` to `after`, is kept. */
  keeps(world: World, from: NodeId, to: NodeId, before: NodeState, after: NodeState): boolean {
    if (this.chain === 0) return false;
    const composites = this.ctx.replays && this.ctx.adversary.composes ? compositesKnown(world, this.ctx)
      : noComposites;
    let byBefore = this.memo.get(after);
    if (byBefore === undefined) { byBefore = new WeakMap(); this.memo.set(after, byBefore); }
    let byComposites = byBefore.get(before);
    if (byComposites === undefined) { byComposites = new WeakMap(); byBefore.set(before, byComposites); }
    let bySender = byComposites.get(composites);
    if (bySender === undefined) { bySender = new Map(); byComposites.set(composites, bySender); }
    let kept = bySender.get(from);
    if (kept === undefined) {
      kept = this.dependent(to, after, before, composites, [from]);
      bySender.set(from, kept);
    }
    if (kept) this.heads++; else this.skipped++;
    return kept;
  }

  /**
   * Whether some chain of faulty moves to `to`, one per sender not yet `used` (the head's and the chain's so far),
   * delivered to `withHead` (after the head) reacts otherwise than delivered to `without` (before it): each but the
   * last absorbed, the last reacting.
   */
  private dependent(to: NodeId, withHead: NodeState, without: NodeState, composites: Composites,
    used: readonly NodeId[]): boolean {
    const { ctx } = this;
    if (used.length > this.chain) return false;
    for (const from of ctx.alphabet.keys()) {
      if (used.includes(from)) continue;
      const chained = [...used, from];
      const single = (list: readonly Message[] | undefined): boolean => {
        if (list === undefined) return false;
        for (const m of routed(list, to, ctx, (x) => x)) {
          const signed = [ctx.messages.signed(from, m)];
          if (this.differs(to, from, signed, withHead, without, composites, chained)) return true;
        }
        return false;
      };
      if (single(ctx.alphabet.get(from)) || single(composites.get(from))) return true;
      for (const [first, second] of routed(ctx.equivocationPairs?.get(from) ?? noPairs, to, ctx, (p) => p[0])) {
        const signed = [ctx.messages.signed(from, first), ctx.messages.signed(from, second)];
        if (this.differs(to, from, signed, withHead, without, composites, chained)) return true;
      }
    }
    return false;
  }

  private differs(to: NodeId, from: NodeId, messages: readonly SignedMessage[], withHead: NodeState,
    without: NodeState, composites: Composites, used: readonly NodeId[]): boolean {
    const after = this.deliver(withHead, to, from, messages);
    // A failed check or a core assertion after the head: keep the head, so the explorer reaches and reports it.
    if (after === null) return true;
    if (after.effect === "none") return false;
    const before = this.deliver(without, to, from, messages);
    if (after.effect === "reacted") {
      return before === null || before.effect !== "reacted" || !sameReaction(after, before);
    }
    // The head silences a reaction the chain would have had without it: it changes what follows, so it is kept.
    if (before === null || before.effect === "reacted") return true;
    return this.dependent(to, after.state, before.state, composites, used);
  }

  /** `messages` delivered back to back (adversary-effective.ts: stepsOf), with the state they leave. */
  private deliver(state: NodeState, to: NodeId, from: NodeId, messages: readonly SignedMessage[]):
    { state: NodeState; effect: RoutedStep["effect"]; steps: RoutedStep[] } | null {
    const r = stepsOf(state, to, from, messages, this.ctx);
    return r === null ? null : { ...r, state: (r.steps[r.steps.length - 1] as RoutedStep).state };
  }
}

/** Two deliveries react the same way: the same sends, knowledge leaked, timer operations and persistence. */
function sameReaction(a: { steps: RoutedStep[] }, b: { steps: RoutedStep[] }): boolean {
  if (a.steps.length !== b.steps.length) return false;
  return a.steps.every((x, i) => {
    const y = b.steps[i] as RoutedStep;
    return x.sendsHi === y.sendsHi && x.sendsLo === y.sendsLo && x.timersSet === y.timersSet &&
      x.timersCleared === y.timersCleared && x.persists === y.persists && x.knows.length === y.knows.length &&
      x.knows.every((k, j) => k.hi === y.knows[j]?.hi && k.lo === y.knows[j]?.lo);
  });
}
