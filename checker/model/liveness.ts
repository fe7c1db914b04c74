/**
 * Bounded liveness (spec/invariants/liveness.ts, DESIGN.md §5), judged at the end of a
 * run's healed phase. The rule lives in spec/; this projects a world onto what it looks
 * at (`livenessViewOf` is shared with the scenario driver in test/support): "seen" holds only
 * what a participant can still pass on (canPassOn).
 */
import type { LivenessParticipant, LivenessView } from "../../spec/invariants/liveness.js";
import { livenessProblem, undecided as undecidedIn, unreplied } from "../../spec/invariants/liveness.js";
import type { NodeId } from "../../spec/messages.js";
import type { ParticipantState } from "../../impl/core/participant-state.js";
import type { NodeState } from "../../impl/core/types.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";
import { batchTxnIds } from "../../spec/batch.js";

export interface LivenessViolation {
  readonly invariant: "liveness";
  readonly message: string;
}

/** Whether a run's healed phase is judged for liveness: "auto" judges it for every coordinator. */
export type LivenessMode = "auto" | "on" | "off";

/**
 * "auto" judges every run now that the core changes views: a txn an honest
 * participant has seen must be decided after a silent or Byzantine coordinator
 * too. "off" is for hunting safety bugs alone (a liveness failure ends a run first).
 */
export function livenessJudged(mode: LivenessMode, _config: CheckConfig): boolean {
  return mode !== "off";
}

/**
 * A pending body an honest participant can still make the others wait on: it is in normal status (its
 * view-change timer will fire and its VIEW-CHANGE carry the body), or its VIEW-CHANGE already carries it.
 * One learned after it signed its VIEW-CHANGE (from a faulty participant's VIEW-CHANGE) it cannot pass on:
 * a second VIEW-CHANGE for that view is equivocation, and the f+1 rule keeps it from asking for the next
 * one alone. The faulty nodes that showed it the body could as well have hidden it, so nobody owes it.
 */
function canPassOn(p: ParticipantState, id: string): boolean {
  return p.status === "normal" || (p.viewChange?.pending.some((r) => r.body.id === id) ?? false);
}

/**
 * What an honest participant has decided and seen (and can pass on), as the liveness rule reads it. A txn it
 * executed past the expiry of (`expiries`, by id) counts as decided: its record may be pruned, and if it never
 * ran it never will (impl/core/replica.ts), so nothing is owed for it.
 */
function livenessParticipant(p: ParticipantState, expiries: ReadonlyMap<string, number>): LivenessParticipant {
  const seen = new Set<string>();
  for (const r of p.pending) if (canPassOn(p, r.body.id)) seen.add(r.body.id);
  for (const o of p.replica.outcomes) seen.add(o.txn);
  for (const s of p.slots) {
    if (s.prePrepare !== null) for (const id of batchTxnIds(s.prePrepare.body)) seen.add(id);
  }
  const decided = p.replica.outcomes.map((o) => o.txn);
  for (const [id, expires] of expiries) if (expires <= p.lastExecuted && !decided.includes(id)) decided.push(id);
  return { id: p.id, decided, seen: [...seen] };
}

/** The liveness view of node states `nodes` (indexed by id), with the honest participants `honest`. */
export function livenessViewOf(
  nodes: readonly (NodeState | undefined)[], honest: readonly NodeId[],
  facts: { readonly f: number; readonly coordinatorRunning: boolean; readonly submitted: readonly string[] },
  expiries: ReadonlyMap<string, number> = new Map(),
): LivenessView {
  const participants: LivenessParticipant[] = [];
  for (const id of honest) {
    const node = nodes[id];
    if (node !== undefined && node.role === "participant") participants.push(livenessParticipant(node, expiries));
  }
  const coordinator = nodes.find((node) => node?.role === "coordinator");
  const replied = coordinator?.role === "coordinator" ? coordinator.replies.map((r) => r.txn) : [];
  return { ...facts, participants, replied };
}

export function livenessView(world: World, ctx: CheckContext): LivenessView {
  return livenessViewOf(world.nodes, ctx.honestParticipants, {
    f: ctx.config.f,
    // A silent coordinator no longer proposes or resends: only what reached an honest participant is owed.
    coordinatorRunning: ctx.coordinatorStepped && !world.silenced,
    submitted: ctx.config.txns.map((t) => t.txn.id),
  }, new Map(ctx.config.txns.flatMap((t) => (t.txn.expires === undefined ? [] : [[t.txn.id, t.txn.expires]]))));
}

/** The owed txns decided by too few honest participants, each with who lacks it. */
export function undecided(world: World, ctx: CheckContext): { txn: string; missing: number[] }[] {
  return undecidedIn(livenessView(world, ctx));
}

/**
 * Whether the healed phase has nothing left to wait for: every owed txn decided, and a running honest
 * coordinator has replied to each submitted txn (its resend timer must keep firing until it has).
 */
export function livenessSettled(world: World, ctx: CheckContext): boolean {
  const view = livenessView(world, ctx);
  return undecidedIn(view).length === 0 && unreplied(view).length === 0;
}

/** `cycled`: the healed phase came back to a state it had been in, or went quiet: the txns stay undecided forever. */
export function livenessViolation(world: World, ctx: CheckContext, healed: { steps: number; cycled: boolean }):
  LivenessViolation | null {
  const message = livenessProblem(livenessView(world, ctx), healed);
  return message === null ? null : { invariant: "liveness", message };
}
