/**
 * I1 agreement, I4 consistency and I7 client truth (spec/invariants), judged on a test cluster's honest replicas
 * with the same functions the checker judges its worlds with: each replica's GET /replica becomes one participant
 * of a global view that holds only what a replica reports (its executed outcomes, the seq it executed through and
 * its data digest), and what the client was acknowledged becomes the coordinator's replies. So the runtime has no
 * second wording of a safety rule; the spec's names a participant by its index here, mapped back to its name.
 */
import type { GlobalView, Invariant, ParticipantView } from "../../../spec/global-view.js";
import { agreement } from "../../../spec/invariants/agreement.js";
import { clientTruth } from "../../../spec/invariants/client-truth.js";
import { consistency } from "../../../spec/invariants/consistency.js";
import type { Outcome, TxnOutcome } from "../../../spec/messages.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";

export interface ReplicaReport {
  readonly node: string;
  readonly lastExecuted: number;
  readonly replicaDigest: string;
  readonly outcomes: readonly TxnOutcome[];
}

const judged: readonly Invariant[] = [agreement, consistency, clientTruth];

/** The global view of `replicas`: participant i is `replicas[i]`; nothing else is known, so nothing else is set. */
function replicaView(replicas: readonly ReplicaReport[], acknowledged: ReadonlyMap<string, Outcome>): GlobalView {
  const participants: ParticipantView[] = replicas.map((r, i) => ({
    id: asNodeId(i), view: 0, lastExecuted: asSeq(r.lastExecuted), outcomes: r.outcomes, replicaKey: r.replicaDigest,
    lowWatermark: asSeq(0), highestPrePrepared: asSeq(0), entries: [], executedFlags: [], prePrepares: [],
  }));
  return {
    n: replicas.length, f: 0, windowSize: 0, participants, honestMask: 0, provenBy: [], coordinatorHonest: true,
    replies: [...acknowledged].map(([txn, outcome]) => ({ txn, outcome })), confirmations: [],
    coordinatorLowWatermark: asSeq(0), submitted: [], viewChanged: false,
  };
}

/** One line per invariant the replicas break, as `agreement: ...`, naming replicas by their names. */
export function replicaViolations(replicas: readonly ReplicaReport[], acknowledged: ReadonlyMap<string, Outcome>):
  string[] {
  const view = replicaView(replicas, acknowledged);
  const named = (text: string): string =>
    text.replace(/\bP(\d+)\b/g, (whole, i: string) => replicas[Number(i)]?.node ?? whole);
  return judged.flatMap((inv) => {
    const problem = inv.check(view);
    return problem === null ? [] : [`${inv.name}: ${named(problem)}`];
  });
}
