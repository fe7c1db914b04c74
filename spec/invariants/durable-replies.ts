import { restartProperty } from "../transition-view.js";

/**
 * I7d durable replies: an honest coordinator restarted after a crash still knows every reply it had sent the
 * client, with the same outcome. impl/core/coordinator-step.ts persists before a reply for this reason ("the
 * client must never be told an outcome the coordinator forgets it reported"), and issue 15 asks that outcomes
 * survive a coordinator restart: `GET /txn/:id` keeps answering and a resubmitted decided txn gets its outcome at
 * once (onSubmit refuses a txn it replied to). The one way a reply may go is the retention contract
 * (impl/core/coordinator-expiry.ts: once the stable checkpoint passes the txn's signed `expires`), and a reply
 * pruned so is gone from the record before the crash too, so it is never asked for here. I7 client truth does not
 * see a forgotten reply (the coordinator replies again from f+1 matching confirmations, which name the same
 * outcome), so the restart is judged (checker/mutants/mutation-triage.md: a reply not persisted survived).
 */
export const durableReplies = restartProperty("I7d", "durable replies", (r) => {
  for (const sent of r.repliesBefore) {
    const kept = r.repliesAfter.find((x) => x.txn === sent.txn);
    if (kept !== undefined && kept.outcome === sent.outcome) continue;
    const now = kept === undefined ? "without it" : `with ${kept.outcome}`;
    return `the coordinator had replied ${sent.outcome} for ${sent.txn} and restarted ${now}: it forgot an ` +
      `outcome it reported to the client`;
  }
  return null;
});
