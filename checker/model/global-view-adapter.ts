/**
 * Projects a world onto the facts the invariants (spec/invariants) speak of. The
 * checker's world goes through `globalView`; any other driver of the core (the
 * scenario scripts in test/) hands its node states to `globalViewOf`, so every
 * driver judges its states with the same invariants, defined once in spec/.
 */
import type { GlobalView, ParticipantView } from "../../spec/global-view.js";
import type { Judge } from "../../spec/held-state.js";
import type { NodeId, Outcome, ReplicaData, Seq, Txn, View } from "../../spec/messages.js";
import type { CoordinatorState } from "../../impl/core/coordinator-state.js";
import { type ParticipantState } from "../../impl/core/participant-state.js";
import type { NodeState } from "../../impl/core/types.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";
import { asSeq } from "../../spec/ids.js";
import { batchOf, confirms } from "../../spec/batch.js";

/** What a driver knows beyond the node states: the config, who is honest, and what the client submitted. */
export interface ViewFacts {
  readonly n: number;
  readonly f: number;
  readonly windowSize: number;
  /** Honest node ids: participants, and the coordinator when it is honest. */
  readonly honest: readonly NodeId[];
  readonly coordinator: NodeId;
  /** Whether the coordinator's replies and received confirmations are held to I7. */
  readonly coordinatorHonest: boolean;
  readonly submitted: readonly { readonly txn: Txn; readonly flag: Outcome }[];
  /** Equal keys iff equal replica data (a digest or a structural hash). */
  readonly replicaKey: (replica: ReplicaData) => string;
  /** The crypto the justification invariants (I10) re-check retained messages with; absent: they judge nothing. */
  readonly judge?: Judge;
}

export function globalView(world: World, ctx: CheckContext): GlobalView {
  return globalViewOf(world.nodes, viewFacts(ctx));
}

/** The facts of the checker's runs: fixed for a context, so a judge may build them once. */
export function viewFacts(ctx: CheckContext): ViewFacts {
  return {
    n: ctx.config.n, f: ctx.config.f, windowSize: ctx.config.protocol.windowSize, honest: ctx.honest,
    coordinator: ctx.coordinator,
    // A silent coordinator is honest until it stops: what it replied before is held to I7.
    coordinatorHonest: ctx.coordinatorStepped,
    submitted: ctx.config.txns,
    replicaKey: (replica) => {
      const h = ctx.hasher.hash(replica);
      return `${h.hi}:${h.lo}`;
    },
    judge: ctx.judge,
  };
}

/**
 * The global view of node states `nodes` (indexed by id) under `facts`. `viewOf` projects one participant (a
 * function of its state and the facts alone, so a caller may memoize it per state object).
 */
export function globalViewOf(nodes: readonly (NodeState | undefined)[], facts: ViewFacts,
  viewOf: (p: ParticipantState, facts: ViewFacts) => ParticipantView = participantView): GlobalView {
  let honestMask = 0;
  for (const id of facts.honest) honestMask |= 1 << id;
  const participants: ParticipantView[] = [];
  const provenBy: { by: NodeId; proven: number }[] = [];
  let viewChanged = false;
  for (const id of facts.honest) {
    const node = nodes[id];
    if (node === undefined) continue;
    provenBy.push({ by: id, proven: node.proven });
    if (node.role !== "participant") continue;
    participants.push(viewOf(node, facts));
    if (node.view > 0 && node.status === "normal") viewChanged = true;
  }
  const coordinator = nodes[facts.coordinator] as CoordinatorState;
  return {
    n: facts.n, f: facts.f, windowSize: facts.windowSize, participants, honestMask, provenBy,
    coordinatorHonest: facts.coordinatorHonest,
    replies: facts.coordinatorHonest ? coordinator.replies : [],
    confirmations: facts.coordinatorHonest ? coordinator.confirmations : [],
    coordinatorLowWatermark: facts.coordinatorHonest ? coordinator.lowWatermark : asSeq(0),
    submitted: facts.submitted, viewChanged, ...(facts.judge === undefined ? {} : { judge: facts.judge }),
  };
}

export function participantView(p: ParticipantState, facts: ViewFacts): ParticipantView {
  let highestPrePrepared = asSeq(0);
  const executedFlags: { seq: Seq; txn: string; flag: Outcome }[] = [];
  const prePrepares: { view: View; seq: Seq; signer: NodeId }[] = [];
  for (const s of p.slots) {
    const pp = s.prePrepare;
    if (pp === null) continue;
    if (s.seq > highestPrePrepared) highestPrePrepared = s.seq;
    prePrepares.push({ view: pp.body.view, seq: pp.body.seq, signer: pp.signer });
    // A confirmation is set only by executing this very pre-prepare: a slot a later view re-proposed holds none.
    // One confirmation covers a batch's decided txns (spec/batch.ts).
    const confirmation = s.confirmation;
    if (confirmation === null) continue;
    for (const p of batchOf(pp.body)) {
      const txn = p.request.body.id;
      if (confirms(confirmation, txn)) executedFlags.push({ seq: s.seq, txn, flag: p.flag });
    }
  }
  let lowestPrepared: Seq | undefined;
  for (const c of p.prepared) {
    const seq = c.prePrepare.body.seq;
    if (lowestPrepared === undefined || seq < lowestPrepared) lowestPrepared = seq;
  }
  // Snapshots are kept sorted by seq; the first is the lowest.
  const lowestSnapshot = p.snapshots[0]?.seq;
  return {
    id: p.id, view: p.view, lastExecuted: p.lastExecuted, outcomes: p.replica.outcomes,
    replicaKey: facts.replicaKey(p.replica), lowWatermark: p.lowWatermark, highestPrePrepared,
    ...(lowestPrepared === undefined ? {} : { lowestPrepared }),
    ...(lowestSnapshot === undefined ? {} : { lowestSnapshot }),
    entries: p.replica.entries, executedFlags, prePrepares, held: p,
  };
}
