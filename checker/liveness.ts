/**
 * Bounded liveness (DESIGN.md §5), judged at the end of a run's healed phase:
 * every txn the honest participants owe a decision on is decided by every
 * honest participant. "Owed" is every submitted txn when the coordinator is
 * honest (it proposes all of them); with a faulty coordinator the client's
 * submissions reach no honest node except through its pre-prepares, so the
 * owed txns are those some honest participant has seen: a view change must
 * carry each of them to an outcome (DESIGN.md §3, presumed abort).
 */
import type { ParticipantState } from "../impl/core/participant-state.js";
import type { CheckConfig } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

export interface LivenessViolation {
  readonly invariant: "liveness";
  readonly message: string;
}

/** Whether a run's healed phase is judged for liveness: "auto" judges it when the coordinator is honest. */
export type LivenessMode = "auto" | "on" | "off";

/**
 * "auto" stays off for a faulty coordinator while the core has no view change:
 * without one, every run where the coordinator stops halfway is a liveness
 * failure, and fast-check would stop at those and never reach a safety bug.
 */
export function livenessJudged(mode: LivenessMode, config: CheckConfig): boolean {
  return mode === "on" || (mode === "auto" && config.coordinator === "honest");
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
  if (ctx.config.coordinator === "honest") return ctx.config.txns.map((t) => t.txn.id).sort();
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

/** The owed txns some honest participant has not decided, each with who lacks it. */
export function undecided(world: World, ctx: CheckContext): { txn: string; missing: number[] }[] {
  const participants = honestParticipants(world, ctx);
  const out: { txn: string; missing: number[] }[] = [];
  for (const txn of owedTxns(world, ctx)) {
    const missing = participants.filter((p) => !p.replica.outcomes.some((o) => o.txn === txn)).map((p) => p.id);
    if (missing.length > 0) out.push({ txn, missing });
  }
  return out;
}

/** `cycled`: the healed phase came back to a state it had been in, so the txns stay undecided forever. */
export function livenessViolation(world: World, ctx: CheckContext, healed: { steps: number; cycled: boolean }): LivenessViolation | null {
  const open = undecided(world, ctx);
  if (open.length === 0) return null;
  const what = open.map((u) => `${u.txn} at ${u.missing.map((id) => `P${id}`).join(",")}`).join("; ");
  const when = healed.cycled ? `never: the healed phase cycles after ${healed.steps} steps` : `not within the healed phase's bound of ${healed.steps} steps`;
  return { invariant: "liveness", message: `${what} undecided, ${when}` };
}
