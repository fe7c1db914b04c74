/**
 * Execution (PBFT §4.2, "committed-local" then execute in seq order). Slots run
 * strictly one after another with no gaps, so every honest replica applies the
 * same txns in the same order and computes the same outcomes (I3, I4). A txn's
 * outcome is fixed by the first slot that carries its id; later ones are no-ops,
 * and so is a null slot: an outcome is never inferred from one.
 * After each executed seq the participant sends the coordinator one confirmation of its batch,
 * and every K seqs it takes a checkpoint (PBFT §4.3).
 */
import { coordinatorId } from "../../spec/config.js";
import type { Checkpoint, Confirm, ConfirmedTxn, PrePrepare, Proposal, ReplicaData, Seq } from "../../spec/messages.js";
import { batchTxnIds, confirmFields } from "../../spec/batch.js";
import { assert } from "./assert.js";
import { toAllParticipants } from "./broadcast.js";
import { findSlot, withSlot, type ParticipantState, type SlotState } from "./participant-state.js";
import { execute, outcomeOf, pruneExpired } from "./replica.js";
import type { Env, Output } from "./types.js";
import { nextSeq } from "../../spec/ids.js";

interface Executed { readonly state: ParticipantState; readonly out: Output[] }

export function executeReady(state: ParticipantState, env: Env): Executed {
  let current = state;
  const out: Output[] = [];
  for (;;) {
    const slot = nextToExecute(current);
    if (slot === undefined || slot.phase !== "committed") break;
    const seq: Seq = slot.seq;
    const pp = slot.prePrepare;
    assert(pp !== null, "committed slot without a pre-prepare");
    const executedSlot = { ...slot, phase: "executed" as const };
    current = { ...withSlot(current, executedSlot), lastExecuted: seq };
    // A null slot decides nothing: never infer a txn's outcome from it (DESIGN.md §3).
    const proposal = pp.body.proposal;
    if (proposal === null) {
      out.push({ kind: "Decide", seq, txn: null, outcome: null });
    } else {
      // A batch runs in its order, each txn deciding on its own; one confirmation covers the batch (spec/batch.ts).
      const batch = pp.body.rest === undefined ? [proposal] : [proposal, ...pp.body.rest];
      const decided: ConfirmedTxn[] = [];
      for (let index = 0; index < batch.length; index++) {
        const ran = executeTxn(current, batch[index] as Proposal, seq, index);
        current = ran.state;
        out.push(ran.decide);
        if (ran.decide.outcome !== null && ran.decide.txn !== null) {
          decided.push({ txn: ran.decide.txn, outcome: ran.decide.outcome });
        }
      }
      const confirmed = confirmSeq(current, seq, decided, env);
      current = confirmed.state;
      out.push(...confirmed.out);
    }
    const checkpoint = takeCheckpoint(current, env);
    current = checkpoint.state;
    out.push(...checkpoint.out);
  }
  return { state: current, out };
}

type Decide = Extract<Output, { kind: "Decide" }>;

/** One txn of slot `seq`'s batch, the `index`-th: its decision and its outcome on record. */
function executeTxn(
  state: ParticipantState, proposal: Proposal, seq: Seq, index: number,
): { readonly state: ParticipantState; readonly decide: Decide } {
  const txn = proposal.request.body;
  const result = execute(state.replica, txn, proposal.flag, seq, index);
  // Produced here, consumed by `assertRecommitted`: an executed txn is on record at the seq it executed in.
  const recorded = result.outcome === null || outcomeOf(result.replica, txn.id)?.seq === seq;
  assert(recorded, `P${state.id} executed ${txn.id} at s${seq} but records another txn there`);
  const current = { ...state, replica: result.replica, pending: state.pending.filter((r) => r.body.id !== txn.id) };
  if (result.outcome === null) return { state: current, decide: { kind: "Decide", seq, txn: null, outcome: null } };
  return { state: current, decide: { kind: "Decide", seq, txn: txn.id, outcome: result.outcome } };
}

/**
 * The one confirmation of slot `seq`: every txn its batch decided, in order, and the replica after the
 * whole batch; none when the batch decided nothing (all no-ops). One signature per batch, not per txn.
 */
function confirmSeq(state: ParticipantState, seq: Seq, decided: readonly ConfirmedTxn[], env: Env): Executed {
  if (decided.length === 0) return { state, out: [] };
  const replicaDigest = env.digest(state.replica);
  const confirm: Confirm = { kind: "Confirm", seq, ...confirmFields(decided), replicaDigest };
  const slot = findSlot(state, seq);
  assert(slot !== undefined, `P${state.id} executed s${seq} without its slot`);
  return {
    state: withSlot(state, { ...slot, confirmation: confirm }),
    out: [{ kind: "Send", to: coordinatorId(env.config), message: confirm }],
  };
}

/** The txns the replica records as executed at `seq`: none for a null or no-op slot, a batch's executed ones. */
function executedAt(replica: ReplicaData, seq: Seq): string[] {
  return replica.outcomes.filter((o) => o.seq === seq).map((o) => o.txn);
}

/**
 * A seq at or below `lastExecuted` that commits again (a NEW-VIEW re-proposed it) carries the
 * txn that executed there: PBFT §4.4's NEW-VIEW re-proposes every slot that may have committed,
 * with the proposal it committed with (its authority may be added, its txn never changes).
 */
export function assertRecommitted(state: ParticipantState, p: PrePrepare): void {
  const executed = executedAt(state.replica, p.seq);
  if (executed.length === 0) return;
  const carried = batchTxnIds(p);
  const same = executed.every((id) => carried.includes(id));
  const named = carried.length === 0 ? "null" : carried.join(",");
  assert(same, `P${state.id} commits s${p.seq} again with ${named}, but executed ${executed.join(",")} there`);
}

/**
 * The slot whose turn it is: the one right after the last executed, never one
 * past a gap; replicas that committed slots in different orders would otherwise
 * apply txns in different orders (PBFT §4.2: "executes in sequence-number order").
 */
function nextToExecute(state: ParticipantState): SlotState | undefined {
  return findSlot(state, nextSeq(state.lastExecuted));
}

/**
 * Every K executed seqs: a snapshot of the replica, and a CHECKPOINT of its digest to
 * every participant (itself included, so it holds its own signed copy for the proof)
 * and to the coordinator, which moves its window on the same proof. The records of
 * txns expired by this seq go first (replica.ts), so the digest covers the pruned table:
 * every honest replica prunes the same records here.
 */
function takeCheckpoint(state: ParticipantState, env: Env): Executed {
  const seq = state.lastExecuted;
  if (seq % env.config.checkpointInterval !== 0) return { state, out: [] };
  const replica = pruneExpired(state.replica, seq);
  // A request that expired is never executed: waiting on it would only change views (replica.ts).
  const live = state.pending.filter((r) => r.body.expires === undefined || r.body.expires > seq);
  const pending = live.length === state.pending.length ? state.pending : live;
  const checkpoint: Checkpoint = { kind: "Checkpoint", seq, stateDigest: env.digest(replica) };
  const snapshots = [...state.snapshots, { seq, replica }];
  const out = [
    ...toAllParticipants(env.config.participantCount, checkpoint),
    { kind: "Send" as const, to: coordinatorId(env.config), message: checkpoint }
  ];
  return { state: { ...state, replica, pending, snapshots }, out };
}
