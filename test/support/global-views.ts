/** Hand-built global views (spec/global-view.ts) for the invariant tests under test/spec/invariants/. */
import type { GlobalView, ParticipantView } from "../../spec/global-view.js";
import type { Outcome, Txn, TxnOutcome } from "../../spec/messages.js";
import { asNodeId, asSeq } from "../../spec/ids.js";

/** A txn with no reads or writes: the invariants look at ids and outcomes only. */
export const txn = (id: string): Txn => ({ id, writes: [], reads: [] });

/** Participant `id` that executed `outcomes` in seq order (lastExecuted is the last seq), view 0. */
export function participant(id: number, outcomes: readonly TxnOutcome[] = [], over: Partial<ParticipantView> = {}):
  ParticipantView {
  const sorted = [...outcomes].sort((a, b) => (a.txn < b.txn ? -1 : a.txn > b.txn ? 1 : 0));
  const lastExecuted = outcomes.reduce((m, o) => Math.max(m, o.seq), 0);
  return {
    id: asNodeId(id), view: 0, lastExecuted: asSeq(lastExecuted), outcomes: sorted, replicaKey: "r",
    lowWatermark: asSeq(0), highestPrePrepared: asSeq(lastExecuted),
    entries: [], executedFlags: [], prePrepares: [], ...over,
  };
}

export const executed = (txnId: string, outcome: Outcome, seq: number): TxnOutcome => ({ txn: txnId, outcome, seq:
      asSeq(seq) });

/** n=4, f=1: honest P0..P2 and coordinator 4 (mask 0b10111), t1 submitted with flag commit. */
export function view(over: Partial<GlobalView> = {}): GlobalView {
  return {
    n: 4, f: 1, windowSize: 4, participants: [participant(0), participant(1), participant(2)], honestMask: 0b10111,
    provenBy: [], coordinatorHonest: true, replies: [], confirmations: [],
    submitted: [{ txn: txn("t1"), flag: "commit" }], viewChanged: false, coordinatorLowWatermark: asSeq(0), ...over,
  };
}
