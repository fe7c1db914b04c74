/**
 * The coordinator's step. As leader it proposes each submitted txn, otherwise it
 * relays it to the participants (coordinator-propose.ts); it follows checkpoints and view changes
 * (coordinator-recovery.ts). It reports an outcome to the client on f+1 matching
 * signed confirmations from distinct participants: at least one is honest, and
 * honest participants agree (I1), so the reply is the participants' decision (I7).
 */
import type { NodeId, Confirm, Signed, SignedMessage } from "../../spec/messages.js";
import { clientId } from "../../spec/config.js";
import { batchTxnIds, confirmedOutcome, confirmedStatement, confirmedTxns } from "../../spec/batch.js";
import { assertNever } from "./assert.js";
import { signedOfKind } from "./signed-kind.js";
import { toAllParticipants } from "./broadcast.js";
import {
  isLeader, proposeQueued, relayQueued, resendNeeded, unconfirmed, type CoordinatorResult
} from "./coordinator-propose.js";
import {
  onCheckpointAtCoordinator, onNewViewAtCoordinator, onViewChangeAtCoordinator
} from "./coordinator-recovery.js";
import { keepsConfirmation, prunedConfirmations, withAwaited } from "./coordinator-confirmations.js";
import type { CoordinatorState, Submission } from "./coordinator-state.js";
import { expiredBy, expiryOf } from "./coordinator-expiry.js";
import { admit, equivocation, suspect } from "./evidence.js";
import { isParticipant } from "./quorum.js";
import type { Env, Input, Output } from "./types.js";

export function coordinatorStep(state: CoordinatorState, input: Input, env: Env): CoordinatorResult {
  const result = route(state, input, env);
  const out = [...result.out, ...timer(state, result.state, input, env)];
  return { state: result.state, out: persistFirst(state, result.state, out) ? [{ kind: "Persist" }, ...out] : out };
}

/**
 * Persist before send, as at a participant (durable.ts): a coordinator restarted from
 * what it had before a pre-prepare it sent could give that (view, seq) a second body,
 * and every participant would prove it — an honest node — faulty (I5). A reply counts
 * too: the client must never be told an outcome the coordinator forgets it reported.
 * So does a submission queued while the window is full: nothing is sent for it yet,
 * and a restart from before it would drop the txn for good (coverage search found
 * that: t2 and t3 queued behind t1, a crash, and no participant ever hears of them).
 */
function persistFirst(before: CoordinatorState, after: CoordinatorState, out: readonly Output[]): boolean {
  if (after === before) return false;
  return out.some((o) => o.kind === "Send" || o.kind === "Reply") || after.queue.length > before.queue.length;
}

function route(state: CoordinatorState, input: Input, env: Env): CoordinatorResult {
  switch (input.kind) {
    case "Submit": return onSubmit(state, { request: input.request, flag: input.flag }, input.hold === true, env);
    case "TimerFired": return input.timer === "resend" ? onResend(state, env) : { state, out: [] };
    case "Delivered": return onDelivered(state, input.from, input.message, env);
    default: return assertNever(input);
  }
}

/**
 * A submission is proposed once: a request the client did not sign would make every
 * participant prove this (honest) coordinator faulty, and a retried txn id would take
 * a second seq that every participant refuses, stalling every seq after it.
 */
function onSubmit(state: CoordinatorState, submission: Submission, hold: boolean, env: Env): CoordinatorResult {
  const request = submission.request;
  if (request.signer !== clientId(env.config) || !env.verify(request)) {
    return {
      state, out: [suspect(request.signer, "bad-signature", `request ${request.body.id} not signed by the client`)]
    };
  }
  const id = request.body.id;
  // Expired by the stable checkpoint: it can execute in no slot to come, and its reply may be pruned already.
  if (expiredBy(request.body, state.lowWatermark)) return { state, out: [] };
  const known = state.queue.some((s) => s.request.body.id === id) ||
    state.proposals.some((p) => batchTxnIds(p).includes(id)) ||
    state.replies.some((r) => r.txn === id);
  if (known) return { state, out: [] };
  const queued = { ...state, queue: [...state.queue, submission], awaiting: withAwaited(state.awaiting, id) };
  return isLeader(state, env)
    ? proposeQueued(queued, env, hold)
    : { state: queued, out: relayQueued(queued, [submission], env) };
}

function onResend(state: CoordinatorState, env: Env): CoordinatorResult {
  if (!isLeader(state, env)) return { state, out: relayQueued(state, state.queue, env) };
  return {
    state,
    out: unconfirmed(state, env.config.participantCount)
      .flatMap((pp) => toAllParticipants(env.config.participantCount, pp))
  };
}

function onDelivered(state: CoordinatorState, from: NodeId, m: SignedMessage, env: Env): CoordinatorResult {
  const gate = admit(state, from, m, env);
  if (!gate.ok) return { state, out: gate.out };
  const kind = m.body.kind;
  // `signedOfKind` re-attaches the envelope to the body whose kind the switch just checked.
  switch (kind) {
    case "Confirm": return onConfirm(state, signedOfKind(m, kind), env);
    case "Checkpoint": return onCheckpointAtCoordinator(state, signedOfKind(m, kind), env);
    case "ViewChange": return onViewChangeAtCoordinator(state, signedOfKind(m, kind), env);
    case "NewView": return onNewViewAtCoordinator(state, signedOfKind(m, kind), env);
    // Participants' business: the coordinator holds no replica and casts no vote.
    case "Request":
    case "PrePrepare":
    case "Prepare":
    case "Commit":
    case "StateRequest":
    case "StateReply": return { state, out: [] };
    default: return assertNever(kind);
  }
}

function onConfirm(state: CoordinatorState, m: Signed<Confirm>, env: Env): CoordinatorResult {
  const c = m.body;
  if (!isParticipant(m.signer, env.config.participantCount))
    return { state, out: [suspect(m.signer, "unexpected", "confirmation from a non-participant")] };
  // A participant confirms a seq's whole batch once (spec/batch.ts, `confirmationSlot`).
  const previous = state.confirmations.find((x) => x.signer === m.signer && x.body.seq === c.seq);
  if (previous !== undefined) {
    const same = confirmedStatement(previous.body) === confirmedStatement(c);
    return same ? { state, out: [] } : equivocation(state, previous, m, `confirmation s${c.seq}`);
  }
  if (!keepsConfirmation(state, m, env)) return { state, out: [] };
  // Sorted by (seq, signer): equal sets of confirmations are equal values, whatever the arrival order.
  let next: CoordinatorState = {
    ...state, confirmations: [...state.confirmations, m].sort((a, b) => a.body.seq - b.body.seq || a.signer - b.signer),
  };
  const out: Output[] = [];
  // f+1 matching confirmations include an honest one (PBFT §4.1: the client waits for f+1 replies).
  const backingMin = env.config.faultyMax + 1;
  for (const { txn, outcome } of confirmedTxns(c)) {
    if (next.replies.some((r) => r.txn === txn)) continue;
    const backing = next.confirmations.filter((x) => x.body.seq === c.seq && confirmedOutcome(x.body, txn) === outcome);
    if (backing.length < backingMin) continue;
    const expires = expiryOf(next, txn);
    const record = expires === undefined ? { txn, outcome } : { txn, outcome, expires };
    const replies = [...next.replies, record].sort((a, b) => (a.txn < b.txn ? -1 : a.txn > b.txn ? 1 : 0));
    // A queued submission a participant-led view decided needs relaying no more.
    const queue = next.queue.filter((s) => s.request.body.id !== txn);
    const awaiting = next.awaiting.filter((id) => id !== txn);
    next = { ...next, replies, queue, awaiting };
    out.push({ kind: "Reply", txn, outcome, confirmations: backing });
  }
  if (out.length === 0) return { state: next, out };
  return { state: { ...next, confirmations: prunedConfirmations(next, env) }, out };
}

/** The resend timer runs exactly while it has work (coordinator-propose.ts, `resendNeeded`). */
function timer(before: CoordinatorState, after: CoordinatorState, input: Input, env: Env): Output[] {
  const wasPending = resendNeeded(before, env);
  const nowPending = resendNeeded(after, env);
  const refired = input.kind === "TimerFired" && input.timer === "resend";
  if (nowPending && (!wasPending || refired))
    return [{ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks }];
  if (!nowPending && wasPending && !refired) return [{ kind: "CancelTimer", timer: "resend" }];
  return [];
}
