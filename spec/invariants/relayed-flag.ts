import { transition } from "../transition-view.js";

/**
 * I10r relayed flag kept (DESIGN.md §3, flag authority: "the flag is the coordinator's decision, never a
 * leader's"): an honest participant leading its view that takes the coordinator's relayed Request as its first
 * word on a txn proposes the txn with the flag that Request carries. It is the coordinator's replica in that view
 * (impl/core/participant-lead.ts: "it proposes what the coordinator relays ... with the coordinator's flag"):
 * presumed abort belongs to the orphans a NEW-VIEW could not re-propose, never to a fresh relay whose signed
 * authority the leader holds. A leader that turned a relayed commit into abort breaks no state invariant
 * (validity allows abort, and a view change presuming abort looks the same from outside), so the step that
 * proposes it is judged (checker/mutants/mutation-triage.md: participant-lead.ts's condition -> false survived).
 */
export const relayedFlag = transition("I10r", "relayed flag kept", (d) => {
  const r = d.relay;
  if (r === null) return null;
  const other = r.proposedFlags.find((flag) => flag !== r.relayedFlag);
  if (other === undefined) return null;
  return `P${d.receiver} leads its view and took the coordinator's Request for ${r.txn} flagged ${r.relayedFlag}, ` +
    `but proposed it ${other}: the flag is the coordinator's decision, never a leader's`;
});
