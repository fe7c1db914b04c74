/**
 * Execution (PBFT §4.2, "committed-local" then execute in seq order). Slots run
 * strictly one after another with no gaps, so every honest replica applies the
 * same txns in the same order and computes the same outcomes (I3, I4). A txn's
 * outcome is fixed by the first slot that carries its id; later ones are no-ops,
 * and so is a null slot: an outcome is never inferred from one.
 * After each executed txn the participant sends the coordinator a confirmation,
 * and every K seqs it takes a checkpoint (PBFT §4.3).
 */
import { coordinatorId } from "../../spec/config.js";
import type { Checkpoint, Confirm, PrePrepare, ReplicaData, Seq } from "../../spec/messages.js";
import { assert } from "./assert.js";
import { toAllParticipants } from "./broadcast.js";
import { findSlot, withSlot, type ParticipantState, type SlotState } from "./participant-state.js";
import { execute } from "./replica.js";
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
      const txn = proposal.request.body;
      const result = execute(current.replica, txn, proposal.flag, seq);
      // Produced here, consumed by `assertRecommitted`: an executed txn is on record at the seq it executed in.
      const recorded = result.outcome === null || executedAt(result.replica, seq) === txn.id;
      assert(recorded, `P${state.id} executed ${txn.id} at s${seq} but records another txn there`);
      current = { ...current, replica: result.replica, pending: current.pending.filter((r) => r.body.id !== txn.id) };
      if (result.outcome === null) {
        out.push({ kind: "Decide", seq, txn: null, outcome: null });
      } else {
        out.push({ kind: "Decide", seq, txn: txn.id, outcome: result.outcome });
        const confirm: Confirm = {
          kind: "Confirm", seq, txn: txn.id, outcome: result.outcome, replicaDigest: env.digest(result.replica)
        };
        current = withSlot(current, { ...executedSlot, confirmation: confirm });
        out.push({ kind: "Send", to: coordinatorId(env.config), message: confirm });
      }
    }
    const checkpoint = takeCheckpoint(current, env);
    current = checkpoint.state;
    out.push(...checkpoint.out);
  }
  return { state: current, out };
}

/** The txn the replica records as executed at `seq`, or null for none (a null or no-op slot). */
function executedAt(replica: ReplicaData, seq: Seq): string | null {
  return replica.outcomes.find((o) => o.seq === seq)?.txn ?? null;
}

/**
 * A seq at or below `lastExecuted` that commits again (a NEW-VIEW re-proposed it) carries the
 * txn that executed there: PBFT §4.4's NEW-VIEW re-proposes every slot that may have committed,
 * with the proposal it committed with (its authority may be added, its txn never changes).
 */
export function assertRecommitted(state: ParticipantState, p: PrePrepare): void {
  const executed = executedAt(state.replica, p.seq);
  if (executed === null) return;
  const carried = p.proposal?.request.body.id ?? "null";
  assert(carried === executed, `P${state.id} commits s${p.seq} again with ${carried}, but executed ${executed} there`);
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
 * and to the coordinator, which moves its window on the same proof.
 */
function takeCheckpoint(state: ParticipantState, env: Env): Executed {
  const seq = state.lastExecuted;
  if (seq % env.config.checkpointInterval !== 0) return { state, out: [] };
  const checkpoint: Checkpoint = { kind: "Checkpoint", seq, stateDigest: env.digest(state.replica) };
  const snapshots = [...state.snapshots, { seq, replica: state.replica }];
  const out = [
    ...toAllParticipants(env.config.participantCount, checkpoint),
    { kind: "Send" as const, to: coordinatorId(env.config), message: checkpoint }
  ];
  return { state: { ...state, snapshots }, out };
}
