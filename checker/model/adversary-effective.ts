/**
 * Self-loop pruning at the source: of a list of Byzantine moves, the ones that do
 * anything to one target node state. A move the target ignores, or answers with a
 * suspicion only (reports never enter the world), with its state unchanged and no
 * transition check failing, leads back to the same world, and the explorers never
 * store such a step (README "Reductions"); enumerating
 * it anyway made the big alphabet cost as much as the search. What a move does to a
 * node depends on the node's state and the signed message alone (step-memo.ts), so each
 * (state value, list) is filtered once per context, whichever run meets it first.
 *
 * The filter is a function of the world, so the enumeration stays in one fixed order
 * and a path of action indices replays.
 */
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import type { NodeState } from "../../impl/core/types.js";
import type { StepContext } from "./step-context.js";
import type { StepMemo } from "./step-memo.js";
import type { RoutedStep, StepEffect } from "./routed-step.js";
import { RepeatedMoves } from "./repeated-moves.js";
import { sameData } from "./same-data.js";

/** What the filter needs: a delivery's context and the run's step memo (not the CheckContext, which owns this). */
type MemoContext = StepContext & { readonly stepMemo: StepMemo };

/**
 * What is known of one node state's value: per list of moves, its filter; the chains of lists the expander tried to
 * it (MoveChain); per sender and signed message (by its interned key), whether delivering it changes anything.
 */
interface Rows {
  readonly changes: Map<NodeId, Map<string, boolean>>;
  readonly filtered: WeakMap<readonly unknown[], readonly unknown[]>;
  readonly chain: MoveChain;
}

/**
 * What `inPlace` gives for one list after a chain: its members that change something (`filter`), the indices of
 * those to try (null: all), and the chain that follows.
 */
export interface ChainStep {
  readonly effective: readonly unknown[];
  readonly tried: Int32Array | null;
  readonly chain: MoveChain;
}

/**
 * The lists of moves tried so far to one target node state from one world, in order, as what their tried members
 * did (repeated-moves.ts): a move repeating any of them, in whichever list, reaches a known successor. Each
 * (chain, list, latent) is planned once per state value; the chains of a run are a tree rooted at the state's.
 */
export class MoveChain {
  /** Per next list, its plan under the latent-Byzantine reduction and without it; made when first asked (most
   * chains end at their node state's last list). */
  private latentNext: WeakMap<readonly unknown[], ChainStep> | null = null;
  private plainNext: WeakMap<readonly unknown[], ChainStep> | null = null;

  constructor(readonly repeated: RepeatedMoves) {}

  planned(list: readonly unknown[], latent: boolean): ChainStep | undefined {
    return (latent ? this.latentNext : this.plainNext)?.get(list);
  }

  plan(list: readonly unknown[], latent: boolean, step: ChainStep): void {
    if (latent) (this.latentNext ??= new WeakMap()).set(list, step);
    else (this.plainNext ??= new WeakMap()).set(list, step);
  }
}

/**
 * Bound on the node state values indexed (`byValue`); past it the index starts afresh, which only loses sharing.
 * BFS meets a few thousand distinct node states.
 */
const valuesMax = 1 << 16;

export class EffectiveMoves {
  /** Rows per state object: the hash-consed states of one run hit here. */
  private readonly byState = new WeakMap<NodeState, Rows>();
  /**
   * Rows per state value (structural hash, confirmed by deep equality): what a move does is a function of the
   * state's value and the message's, so runs with their own tables (random mode), whose equal states are other
   * objects, share what an earlier run judged instead of stepping every move again, and get the same answer.
   * The lists are keyed by object: the fixed alphabet's and the context's composite table's (action-caches.ts).
   */
  private readonly byValue = new Map<string, { readonly state: NodeState; readonly rows: Rows }>();

  private rowsOf(state: NodeState, ctx: MemoContext): Rows {
    const hit = this.byState.get(state);
    if (hit !== undefined) return hit;
    const h = ctx.hasher.hash(state);
    const key = `${h.hi}:${h.lo}`;
    const known = this.byValue.get(key);
    let rows: Rows;
    if (known !== undefined && sameData(known.state, state)) rows = known.rows;
    else {
      rows = { changes: new Map(), filtered: new WeakMap(), chain: new MoveChain(new RepeatedMoves()) };
      if (this.byValue.size >= valuesMax) this.byValue.clear();
      this.byValue.set(key, { state, rows });
    }
    this.byState.set(state, rows);
    return rows;
  }

  /**
   * The members of `list` (sends, equivocations or forgeries to `to`) that change something (`filter`), and the
   * indices of those the BFS expander must try, in order; it may count each other one as tried without building its
   * delta, because trying it would reach no new state: under the latent-Byzantine reduction (`latent`), its
   * messages leave `to` absorbing them (effect "absorbed", combined as transition.ts combines an equivocation's
   * halves) and no check fails, so it is dropped; or they change nothing (effect "none"); or it changes the world
   * exactly as an earlier member the expander tries does, in this list or in one of `chain`'s (null: the target's
   * first list in this world) (repeated-moves.ts), so its successor is known. Null when every member is tried. A
   * function of (state, messages) through the step memo, so once per (state, chain, list, latent) in a run. With
   * the chain for the target's next list.
   */
  inPlace<T>(chain: MoveChain | null, state: NodeState, to: NodeId, from: NodeId, list: readonly T[],
    signed: (t: T) => readonly SignedMessage[], ctx: MemoContext, latent: boolean): ChainStep {
    const before = chain ?? this.rowsOf(state, ctx).chain;
    const hit = before.planned(list, latent);
    if (hit !== undefined) return hit;
    const effective = this.filter(state, to, from, list, signed, ctx);
    const tried: number[] = [];
    const repeated = before.repeated.copy();
    effective.forEach((t, i) => {
      const steps = stepsOf(state, to, from, signed(t), ctx);
      // A core assertion or a failed check: the expander tries the move and reports it. A move that changes
      // nothing (effect "none") leads back to its own world, which is known.
      const known = steps !== null &&
        (steps.effect === "none" || (latent && steps.effect === "absorbed") || repeated.repeats(steps.steps));
      if (!known) tried.push(i);
    });
    const every = tried.length === effective.length;
    const result = { effective, tried: every ? null : Int32Array.from(tried), chain: new MoveChain(repeated) };
    before.plan(list, latent, result);
    return result;
  }

  /**
   * The members of `list` that change something at node `to` in `state`. `signed` gives
   * each member's signed messages in delivery order (two for an equivocation pair).
   */
  filter<T>(state: NodeState, to: NodeId, from: NodeId, list: readonly T[], signed: (t: T) => readonly SignedMessage[],
    ctx: MemoContext): readonly T[] {
    const rows = this.rowsOf(state, ctx);
    const row = rows.filtered;
    const hit = row.get(list);
    if (hit !== undefined) return hit as readonly T[];
    // A single message is judged once per (state value, sender, message value): the corruptions of knowledge sets
    // that differ in one message are mostly the same messages, in lists of their own.
    let judged = rows.changes.get(from);
    if (judged === undefined) { judged = new Map(); rows.changes.set(from, judged); }
    const kept = list.filter((t) => {
      const messages = signed(t);
      const key = messages.length === 1 ? ctx.messages.keyOf(messages[0] as SignedMessage) : undefined;
      if (key === undefined) return changes(state, to, from, messages, ctx);
      let changed = judged.get(key);
      if (changed === undefined) { changed = changes(state, to, from, messages, ctx); judged.set(key, changed); }
      return changed;
    });
    const result = kept.length === list.length ? list : kept;
    row.set(list, result);
    return result;
  }
}

/** Whether delivering `messages` back to back to `to` in `state` changes its state, emits, or fails a check. */
function changes(state: NodeState, to: NodeId, from: NodeId, messages: readonly SignedMessage[],
  ctx: MemoContext): boolean {
  let s = state;
  for (const m of messages) {
    let r;
    try {
      r = ctx.stepMemo.delivered(s, to, from, m, ctx);
    } catch {
      return true; // the core's own assertion: kept, so the explorer applies it and reports it
    }
    // Only reports (suspicions) out, nothing else: they never reach the world, so the world is unchanged. The
    // state is compared by value (its structural hash), never by object: the memo's hash-consing may hand back an
    // equal state as another object depending on what the run met before, and the enumeration must not depend on that.
    const h = ctx.hasher.hash(s);
    const moved = r.stateHi !== h.hi || r.stateLo !== h.lo;
    const timers = r.timersSet !== 0 || r.timersCleared !== 0;
    const routedAny = r.sends.length > 0 || r.knows.length > 0 || timers || r.persists;
    const changed = moved || routedAny;
    if (changed || r.violation !== null) return true;
    s = r.state;
  }
  return false;
}

/**
 * Delivering `messages` back to back to `to` in `state`, as transition.ts does: the routed steps and their combined
 * effect (a later half's effect counts unless the earlier reacted or the later did nothing: `equivocate`). Null
 * when a step fails a check or the core asserts: the expander tries such a move and reports it.
 */
function stepsOf(state: NodeState, to: NodeId, from: NodeId, messages: readonly SignedMessage[],
  ctx: MemoContext): { steps: RoutedStep[]; effect: StepEffect } | null {
  let s = state;
  let effect: StepEffect = "none";
  const steps: RoutedStep[] = [];
  for (let i = 0; i < messages.length; i++) {
    let r;
    try {
      r = ctx.stepMemo.delivered(s, to, from, messages[i] as SignedMessage, ctx);
    } catch {
      return null;
    }
    if (r.violation !== null) return null;
    effect = i === 0 ? r.effect : effect === "reacted" ? "reacted" : r.effect === "none" ? effect : r.effect;
    steps.push(r);
    s = r.state;
  }
  return { steps, effect };
}
