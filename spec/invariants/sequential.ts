import { alwaysEach } from "../global-view.js";
import type { ParticipantView } from "../global-view.js";
import type { Txn } from "../messages.js";
import { runSequential, sameEntries, type SequentialStep } from "../sequential-model.js";

/**
 * I8 sequential execution: every honest replica's outcomes and data are what the
 * reference model (spec/sequential-model.ts) gives when its executed txns run one
 * at a time in seq order, preconditions evaluated at their turn. Without it a
 * precondition bug shows only if replicas happen to diverge (I4); every replica
 * getting it wrong the same way passes I1-I7.
 */
export const sequential = alwaysEach("I8", "sequential execution", (p, g) => {
  const bodies = new Map<string, Txn>();
  for (const s of g.submitted) bodies.set(s.txn.id, s.txn);
  const problem = participantProblem(p, bodies);
  return problem === null ? null : `P${p.id}: ${problem}`;
});

/**
 * The replica's executed txns in seq order, a batch's in its order; a txn the client never submitted is I2's to
 * judge, so it is left out.
 */
export function sequentialSteps(p: ParticipantView, bodies: ReadonlyMap<string, Txn>): SequentialStep[] {
  const steps: SequentialStep[] = [];
  for (const o of [...p.outcomes].sort((a, b) => a.seq - b.seq || (a.index ?? 0) - (b.index ?? 0))) {
    const txn = bodies.get(o.txn);
    if (txn === undefined) continue;
    const flag = p.executedFlags.find((e) => e.seq === o.seq && e.txn === o.txn)?.flag ?? null;
    steps.push({ seq: o.seq, txn, outcome: o.outcome, flag });
  }
  return steps;
}

function participantProblem(p: ParticipantView, bodies: ReadonlyMap<string, Txn>): string | null {
  // An unsubmitted txn's writes would make the data differ for a reason I2 names better.
  if (p.outcomes.some((o) => !bodies.has(o.txn))) return null;
  // A replica past a txn's expiry may have pruned its record (impl/core/replica.ts): its writes are in the data
  // but no longer replayable from the outcomes. Such a replica is I3's to judge (at-most-once), not this model's.
  if ([...bodies.values()].some((t) => t.expires !== undefined && t.expires <= p.lastExecuted)) return null;
  const model = runSequential(sequentialSteps(p, bodies));
  const wrong = model.verdicts.find((v) => v.problem !== null);
  if (wrong !== undefined) return wrong.problem;
  if (!sameEntries(model.entries, p.entries)) {
    return `data ${JSON.stringify(p.entries)} differ from the sequential model's ${JSON.stringify(model.entries)}`;
  }
  return null;
}
