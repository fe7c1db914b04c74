/** Projects a world onto the facts the invariants (spec/invariants) speak of. */
import type { GlobalView, ParticipantView } from "../spec/global-view.js";
import type { Outcome } from "../spec/messages.js";
import type { CoordinatorState } from "../impl/core/coordinator-state.js";
import type { ParticipantState } from "../impl/core/participant-state.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

export function globalView(world: World, ctx: CheckContext): GlobalView {
  let honestMask = 0;
  for (const id of ctx.honest) honestMask |= 1 << id;
  const participants: ParticipantView[] = [];
  const provenBy: { by: number; proven: number }[] = [];
  let viewChanged = false;
  for (const id of ctx.honest) {
    const node = world.nodes[id];
    if (node === undefined) continue;
    provenBy.push({ by: id, proven: node.proven });
    if (node.role !== "participant") continue;
    participants.push(participantView(node, ctx));
    if (node.view > 0 && node.status === "normal") viewChanged = true;
  }
  const coordinator = world.nodes[ctx.coordinator] as CoordinatorState;
  return {
    n: ctx.config.n, f: ctx.config.f, windowSize: ctx.config.protocol.windowSize, participants, honestMask, provenBy,
    // A silent coordinator is honest until it stops: what it replied before is held to I7.
    coordinatorHonest: ctx.coordinatorStepped,
    replies: ctx.coordinatorStepped ? coordinator.replies : [],
    confirmations: ctx.coordinatorStepped ? coordinator.confirmations : [],
    coordinatorLowWatermark: ctx.coordinatorStepped ? coordinator.lowWatermark : 0,
    submitted: ctx.config.txns, viewChanged,
  };
}

function participantView(p: ParticipantState, ctx: CheckContext): ParticipantView {
  const h = ctx.hasher.hash(p.replica);
  let highestPrePrepared = 0;
  const executedFlags: { seq: number; txn: string; flag: Outcome }[] = [];
  const prePrepares: { view: number; seq: number; signer: number }[] = [];
  for (const s of p.slots) {
    const pp = s.prePrepare;
    if (pp === null) continue;
    if (s.seq > highestPrePrepared) highestPrePrepared = s.seq;
    prePrepares.push({ view: pp.body.view, seq: pp.body.seq, signer: pp.signer });
    const proposal = pp.body.proposal;
    // A confirmation is set only by executing this very pre-prepare: a slot a later view re-proposed holds none.
    if (s.confirmation !== null && proposal !== null && s.confirmation.txn === proposal.request.body.id) {
      executedFlags.push({ seq: s.seq, txn: proposal.request.body.id, flag: proposal.flag });
    }
  }
  return {
    id: p.id, view: p.view, lastExecuted: p.lastExecuted, outcomes: p.replica.outcomes, replicaKey: `${h.hi}:${h.lo}`,
    lowWatermark: p.lowWatermark, highestPrePrepared, entries: p.replica.entries, executedFlags, prePrepares,
  };
}
