/**
 * The coordinator's step. As leader of view 0 it assigns each submitted txn the
 * next seq inside the window and multicasts PRE-PREPARE with the client-signed
 * body (PBFT §4.2). It reports an outcome to the client on f+1 matching signed
 * confirmations from distinct participants: at least one is honest, and honest
 * participants agree (I1), so the reply is the participants' decision (I7).
 */
import type { Confirm, PrePrepare, Signed, SignedMessage } from "../../spec/messages.js";
import { assertNever } from "./assert.js";
import { toAllParticipants } from "./broadcast.js";
import type { CoordinatorState, Submission } from "./coordinator-state.js";
import { proposalDigest } from "./digests.js";
import { admit, equivocation, suspect } from "./evidence.js";
import { isParticipant, leaderOf } from "./quorum.js";
import { clientId } from "../../spec/config.js";
import type { Env, Input, Output } from "./types.js";

export interface CoordinatorResult { readonly state: CoordinatorState; readonly out: Output[] }

export function coordinatorStep(state: CoordinatorState, input: Input, env: Env): CoordinatorResult {
  const result = route(state, input, env);
  return { state: result.state, out: [...result.out, ...timer(state, result.state, input, env)] };
}

function route(state: CoordinatorState, input: Input, env: Env): CoordinatorResult {
  switch (input.kind) {
    case "Submit": return onSubmit(state, { request: input.request, flag: input.flag }, env);
    case "TimerFired": return input.timer === "resend" ? onResend(state, env) : { state, out: [] };
    case "Delivered": return onDelivered(state, input.message, env);
    default: return assertNever(input);
  }
}

/**
 * A submission is proposed once: a request the client did not sign would make every
 * participant prove this (honest) coordinator faulty, and a retried txn id would take
 * a second seq that every participant refuses, stalling every seq after it.
 */
function onSubmit(state: CoordinatorState, submission: Submission, env: Env): CoordinatorResult {
  const request = submission.request;
  if (request.signer !== clientId(env.config) || !env.verify(request)) {
    return { state, out: [suspect(request.signer, "bad-signature", `request ${request.body.id} not signed by the client`)] };
  }
  const id = request.body.id;
  const known = state.queue.some((s) => s.request.body.id === id) || state.proposals.some((p) => p.proposal?.request.body.id === id);
  if (known) return { state, out: [] };
  return proposeQueued({ ...state, queue: [...state.queue, submission] }, env);
}

const isLeader = (state: CoordinatorState, env: Env): boolean => leaderOf(state.view, env.config.participantCount) === state.id;

/** Proposes queued submissions while the window has room. */
function proposeQueued(state: CoordinatorState, env: Env): CoordinatorResult {
  if (!isLeader(state, env)) return { state, out: [] };
  let next = state;
  const out: Output[] = [];
  while (next.queue.length > 0 && next.nextSeq <= next.lowWatermark + env.config.windowSize) {
    const [head, ...rest] = next.queue as [Submission, ...Submission[]];
    const proposal = { request: head.request, flag: head.flag };
    const pp: PrePrepare = { kind: "PrePrepare", view: next.view, seq: next.nextSeq, digest: proposalDigest(proposal, env), proposal };
    next = { ...next, queue: rest, nextSeq: next.nextSeq + 1, proposals: [...next.proposals, pp] };
    out.push(...toAllParticipants(env.config.participantCount, pp));
  }
  return { state: next, out };
}

/**
 * Proposals not yet confirmed by every participant. The coordinator keeps resending
 * these (not only the unreplied ones): a participant that lost the pre-prepare has
 * no other way to learn the body until a checkpoint lets it fetch state.
 */
export function unconfirmed(state: CoordinatorState, n: number): PrePrepare[] {
  return state.proposals.filter((p) => p.proposal !== null && p.seq > state.lowWatermark &&
    state.confirmations.filter((c) => c.body.seq === p.seq).length < n);
}

function onResend(state: CoordinatorState, env: Env): CoordinatorResult {
  if (!isLeader(state, env)) return { state, out: [] };
  return { state, out: unconfirmed(state, env.config.participantCount).flatMap((pp) => toAllParticipants(env.config.participantCount, pp)) };
}

function onDelivered(state: CoordinatorState, m: SignedMessage, env: Env): CoordinatorResult {
  const gate = admit(state, m, env);
  if (!gate.ok) return { state, out: gate.out };
  if (m.body.kind === "Confirm") return onConfirm(state, m as Signed<Confirm>, env);
  return { state, out: [] }; // recovery messages are handled once the coordinator takes part in view changes
}

function onConfirm(state: CoordinatorState, m: Signed<Confirm>, env: Env): CoordinatorResult {
  const c = m.body;
  if (!isParticipant(m.signer, env.config.participantCount)) return { state, out: [suspect(m.signer, "unexpected", "confirmation from a non-participant")] };
  const previous = state.confirmations.find((x) => x.signer === m.signer && x.body.seq === c.seq);
  if (previous !== undefined) {
    const same = previous.body.txn === c.txn && previous.body.outcome === c.outcome;
    return same ? { state, out: [] } : equivocation(state, previous, m, `confirmation s${c.seq}`);
  }
  // Sorted by (seq, signer): equal sets of confirmations are equal values, whatever the arrival order.
  const confirmations = [...state.confirmations, m].sort((a, b) => a.body.seq - b.body.seq || a.signer - b.signer);
  const next = { ...state, confirmations };
  if (next.replies.some((r) => r.txn === c.txn)) return { state: next, out: [] };
  const backing = next.confirmations.filter((x) => x.body.seq === c.seq && x.body.txn === c.txn && x.body.outcome === c.outcome);
  if (backing.length < env.config.faultyMax + 1) return { state: next, out: [] };
  const replies = [...next.replies, { txn: c.txn, outcome: c.outcome }].sort((a, b) => (a.txn < b.txn ? -1 : a.txn > b.txn ? 1 : 0));
  return { state: { ...next, replies }, out: [{ kind: "Reply", txn: c.txn, outcome: c.outcome, confirmations: backing }] };
}

/** The resend timer runs exactly while some proposal is not confirmed by every participant. */
function timer(before: CoordinatorState, after: CoordinatorState, input: Input, env: Env): Output[] {
  const wasPending = isLeader(before, env) && unconfirmed(before, env.config.participantCount).length > 0;
  const nowPending = isLeader(after, env) && unconfirmed(after, env.config.participantCount).length > 0;
  const refired = input.kind === "TimerFired" && input.timer === "resend";
  if (nowPending && (!wasPending || refired)) return [{ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks }];
  if (!nowPending && wasPending && !refired) return [{ kind: "CancelTimer", timer: "resend" }];
  return [];
}
