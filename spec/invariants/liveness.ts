import type { NodeId } from "../messages.js";

/**
 * What bounded liveness looks at, at the end of a run's healed phase (every fault
 * stopped, every message delivered, timers fired): the honest participants' decided
 * and seen txns, whether the coordinator still runs, and what it replied.
 */
export interface LivenessView {
  /** f: at most f participants are faulty. */
  readonly f: number;
  /** The coordinator is honest and has not fallen silent. */
  readonly coordinatorRunning: boolean;
  /** The txn ids the client submitted. */
  readonly submitted: readonly string[];
  readonly participants: readonly LivenessParticipant[];
  /** The txn ids the coordinator has reported an outcome for to the client (its replies). */
  readonly replied: readonly string[];
}

export interface LivenessParticipant {
  readonly id: NodeId;
  /** Txn ids it executed. */
  readonly decided: readonly string[];
  /** Txn ids it knows of and can pass on: pending, proposed in its log, or executed. */
  readonly seen: readonly string[];
}

/**
 * The txn ids the honest participants owe a decision on, sorted. Every submitted txn
 * while the coordinator runs (it proposes all of them); once it is Byzantine or silent,
 * the client's submissions reach no honest node except through its messages, so the
 * owed txns are those some honest participant has seen: a view change must carry each
 * of them to an outcome (DESIGN.md §3, presumed abort).
 */
export function owedTxns(v: LivenessView): string[] {
  if (v.coordinatorRunning) return [...v.submitted].sort();
  const seen = new Set<string>();
  for (const p of v.participants) for (const txn of p.seen) seen.add(txn);
  return [...seen].sort();
}

/**
 * How many honest participants must decide an owed txn. All of them while the
 * coordinator runs: it resends until every participant confirms. Once it is Byzantine
 * or silent, f+1: their matching signed confirmations tell the client the outcome (I7)
 * with no coordinator. A participant that missed the pre-prepare of the last slots then
 * catches up only at the next stable checkpoint, as in PBFT.
 */
export function decidersNeeded(v: LivenessView): number {
  const honest = v.participants.length;
  return v.coordinatorRunning ? honest : Math.min(honest, v.f + 1);
}

/** The owed txns decided by too few honest participants, each with who lacks it. */
export function undecided(v: LivenessView): { txn: string; missing: NodeId[] }[] {
  const needed = decidersNeeded(v);
  const out: { txn: string; missing: NodeId[] }[] = [];
  for (const txn of owedTxns(v)) {
    const missing = v.participants.filter((p) => !p.decided.includes(txn)).map((p) => p.id);
    if (v.participants.length - missing.length < needed) out.push({ txn, missing });
  }
  return out;
}

/**
 * The submitted txns a running honest coordinator has not replied to, sorted. The client's
 * only entry point is the coordinator: a txn every honest participant decided is of no use to
 * the client until the coordinator reports its outcome, and an honest coordinator that runs
 * resends its request until f+1 matching confirmations let it reply (coordinator-step.ts).
 * Once it is Byzantine or silent the client has the participants' signed confirmations
 * instead (I7), and nothing is owed here.
 */
export function unreplied(v: LivenessView): string[] {
  if (!v.coordinatorRunning) return [];
  return v.submitted.filter((txn) => !v.replied.includes(txn)).sort();
}

/**
 * Bounded liveness (DESIGN.md §5): with at most f Byzantine participants, every owed
 * txn is decided by the honest participants it needs within the healed phase, and a
 * running honest coordinator has replied to every submitted txn.
 * `cycled`: the healed phase came back to a state it had been in, or went quiet.
 */
export function livenessProblem(v: LivenessView, healed: { steps: number; cycled: boolean }): string | null {
  const open = undecided(v);
  const silent = unreplied(v);
  if (open.length === 0 && silent.length === 0) return null;
  const what = [
    ...open.map((u) => `${u.txn} at ${u.missing.map((id) => `P${id}`).join(",")} undecided`),
    ...(silent.length === 0 ? [] : [`${silent.join(",")} never replied to by the coordinator`]),
  ].join("; ");
  const when = healed.cycled
    ? `never: the healed phase cycles or goes quiet after ${healed.steps} steps`
    : `not within the healed phase's bound of ${healed.steps} steps`;
  return `${what}, ${when}`;
}
