/**
 * Bounded liveness (DESIGN.md §5), judged at the end of a run's healed phase:
 * every txn the honest participants owe a decision on is decided by every
 * honest participant. "Owed" is every submitted txn while the coordinator is
 * honest and running (it proposes all of them); once it is Byzantine or has
 * fallen silent, the client's submissions reach no honest node except through
 * its messages, so the owed txns are those some honest participant has seen: a
 * view change must carry each of them to an outcome (DESIGN.md §3, presumed abort).
 */
import type { ParticipantState } from "../../impl/core/participant-state.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

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

function honestParticipants(world: World, ctx: CheckContext): ParticipantState[] {
  const out: ParticipantState[] = [];
  for (const id of ctx.honestParticipants) {
    const node = world.nodes[id];
    if (node !== undefined && node.role === "participant") out.push(node);
  }
  return out;
}

/** The txn ids the honest participants owe a decision on, sorted. */
export function owedTxns(world: World, ctx: CheckContext): string[] {
  if (ctx.coordinatorStepped && !world.silenced) return ctx.config.txns.map((t) => t.txn.id).sort();
  const seen = new Set<string>();
  for (const p of honestParticipants(world, ctx)) {
    for (const r of p.pending) seen.add(r.body.id);
    for (const o of p.replica.outcomes) seen.add(o.txn);
    for (const s of p.slots) {
      const id = s.prePrepare?.body.proposal?.request.body.id;
      if (id !== undefined) seen.add(id);
    }
  }
  return [...seen].sort();
}

/**
 * How many honest participants must decide an owed txn. All of them while the
 * coordinator runs: it resends until every participant confirms. Once it is
 * Byzantine or silent, f+1: their matching signed confirmations tell the client
 * the outcome (I7) with no coordinator. A participant that missed the pre-prepare
 * of the last slots then catches up only at the next stable checkpoint, as in
 * PBFT, which a run with fewer than K more txns never reaches.
 */
function decidersNeeded(world: World, ctx: CheckContext, honestCount: number): number {
  return ctx.coordinatorStepped && !world.silenced ? honestCount : Math.min(honestCount, ctx.config.f + 1);
}

/** The owed txns decided by too few honest participants, each with who lacks it. */
export function undecided(world: World, ctx: CheckContext): { txn: string; missing: number[] }[] {
  const participants = honestParticipants(world, ctx);
  const needed = decidersNeeded(world, ctx, participants.length);
  const out: { txn: string; missing: number[] }[] = [];
  for (const txn of owedTxns(world, ctx)) {
    const missing = participants.filter((p) => !p.replica.outcomes.some((o) => o.txn === txn)).map((p) => p.id);
    if (participants.length - missing.length < needed) out.push({ txn, missing });
  }
  return out;
}

/** `cycled`: the healed phase came back to a state it had been in, or went quiet, so the txns stay undecided forever. */
export function livenessViolation(world: World, ctx: CheckContext, healed: { steps: number; cycled: boolean }): LivenessViolation | null {
  const open = undecided(world, ctx);
  if (open.length === 0) return null;
  const what = open.map((u) => `${u.txn} at ${u.missing.map((id) => `P${id}`).join(",")}`).join("; ");
  const when = healed.cycled ? `never: the healed phase cycles or goes quiet after ${healed.steps} steps` : `not within the healed phase's bound of ${healed.steps} steps`;
  return { invariant: "liveness", message: `${what} undecided, ${when}` };
}
