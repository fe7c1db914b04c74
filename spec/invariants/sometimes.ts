import { sometimes, sometimesEach, type GlobalView } from "../global-view.js";
import type { NewView, Outcome, Txn } from "../messages.js";
import { batchLength } from "../batch.js";
import { asSeq, maxSeq } from "../ids.js";
import { runSequential } from "../sequential-model.js";
import { sequentialSteps } from "./sequential.js";

/** Reachability witnesses: a model that can never do these passes vacuously, so the checker fails it. */
export const decides = sometimes("S1", "an honest participant decides",
  (g) => g.participants.some((p) => p.outcomes.length > 0));
export const decidesCommit = sometimes("S2", "an honest participant decides commit",
  (g) => g.participants.some((p) => p.outcomes.some((o) => o.outcome === "commit")));
export const decidesAbort = sometimes("S3", "an honest participant decides abort",
  (g) => g.participants.some((p) => p.outcomes.some((o) => o.outcome === "abort")));
export const clientReply = sometimes("S4", "the coordinator replies to the client", (g) => g.replies.length > 0);
export const viewChangeCompleted = sometimes("S5", "a view change completes", (g) => g.viewChanged);

/** Some honest participant decided `outcome` for a txn the honest coordinator flagged `flag`. */
function decidedAsFlagged(g: GlobalView, flag: Outcome, outcome: Outcome): boolean {
  if (!g.coordinatorHonest) return false;
  const flagged = new Set(g.submitted.filter((s) => s.flag === flag).map((s) => s.txn.id));
  return g.participants.some((p) => p.outcomes.some((o) => o.outcome === outcome && flagged.has(o.txn)));
}

// I2's two clauses, each exercised: without S6 "an honest coordinator's abort is never committed" holds vacuously.
export const flaggedAbortDecidedAbort = sometimes("S6", "a txn the honest coordinator flagged abort is decided abort",
  (g) => decidedAsFlagged(g, "abort", "abort"));
export const flaggedCommitDecidedCommit = sometimes("S7",
  "a txn the honest coordinator flagged commit is decided commit",
  (g) => decidedAsFlagged(g, "commit", "commit"));

/** I8's precondition clause exercised: some executed txn's precondition failed at its turn. */
export const preconditionFails = sometimesEach("S8", "an executed txn's precondition fails at its turn", (p, g) => {
  const bodies = new Map<string, Txn>(g.submitted.map((s) => [s.txn.id, s.txn]));
  return runSequential(sequentialSteps(p, bodies)).verdicts.some((v) => !v.preconditionsHold);
});

/** I5/I6 exercised: some honest node holds proof against a faulty one. */
export const faultyProven = sometimes("S9", "an honest node holds proof against a faulty node",
  (g) => g.provenBy.some((x) => (x.proven & ~g.honestMask) !== 0));

/**
 * The pre-prepares of a NEW-VIEW that re-propose orphans (rule 4 of justify-view-rules.ts): those above its
 * checkpoint and every certificate its VIEW-CHANGEs carry, where only presumed-abort batches go.
 */
function orphanPrePrepares(nv: NewView): NewView["prePrepares"] {
  const h = maxSeq(asSeq(0), ...nv.viewChanges.map((vc) => vc.body.stableSeq));
  const top = maxSeq(h, ...nv.viewChanges.flatMap((vc) => vc.body.prepared.map((c) => c.prePrepare.body.seq)));
  return nv.prePrepares.filter((pp) => pp.seq > top);
}

/**
 * Rule 4 with batches exercised (new-view.ts `orphanBatches`): an honest participant installed a NEW-VIEW, its log
 * in that view, one of whose orphan pre-prepares carries two txns or more (a batch `rest`). Without it, I10's check
 * of batched orphans (justified views) could hold vacuously.
 */
export const orphanBatchInstalled = sometimesEach("S10", "a new view re-proposes a batch of orphans", (p) => {
  const held = p.held;
  const nv = held?.newView ?? null;
  if (held === undefined || nv === null || held.status !== "normal" || held.view !== nv.view) return false;
  return orphanPrePrepares(nv).some((pp) => batchLength(pp) >= 2);
});
