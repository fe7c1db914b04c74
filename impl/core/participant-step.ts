/**
 * A participant's step: route the input, then add the bookkeeping every step
 * shares — persist before send, and the resend timer armed exactly while some
 * slot is pending (a lost message is then survivable: DESIGN.md §3).
 */
import type { Commit, Prepare, PrePrepare, Signed, SignedMessage } from "../../spec/messages.js";
import { toOtherParticipants } from "./broadcast.js";
import { admit, suspect } from "./evidence.js";
import { onPrePrepare, onVote, type ParticipantResult } from "./participant-normal.js";
import type { ParticipantState, SlotState } from "./participant-state.js";
import { assertNever } from "./assert.js";
import type { Env, Input, Output } from "./types.js";

export function participantStep(state: ParticipantState, input: Input, env: Env): ParticipantResult {
  const result = route(state, input, env);
  return { state: result.state, out: finish(state, result, input, env) };
}

function route(state: ParticipantState, input: Input, env: Env): ParticipantResult {
  switch (input.kind) {
    case "Delivered": return onDelivered(state, input.message, env);
    case "TimerFired": return input.timer === "resend" ? onResend(state, env) : { state, out: [] };
    case "Submit": return { state, out: [] }; // clients submit to the coordinator only
    default: return assertNever(input);
  }
}

function onDelivered(state: ParticipantState, m: SignedMessage, env: Env): ParticipantResult {
  const gate = admit(state, m, env);
  if (!gate.ok) return { state, out: gate.out };
  const kind = m.body.kind;
  // The casts below only re-attach the envelope to a body whose kind was just checked.
  switch (kind) {
    case "PrePrepare": return onPrePrepare(state, m as Signed<PrePrepare>, env);
    case "Prepare":
    case "Commit": return onVote(state, m as Signed<Prepare> | Signed<Commit>, env);
    case "Confirm": return { state, out: [suspect(m.signer, "unexpected", "confirmation sent to a participant")] };
    case "Checkpoint":
    case "ViewChange":
    case "NewView":
    case "StateRequest":
    case "StateReply": return { state, out: [] };
    default: return assertNever(kind);
  }
}

const isPending = (slot: SlotState): boolean =>
  slot.phase === "pre-prepared" || slot.phase === "prepared" || slot.phase === "committed";

/** Resend this participant's own votes for every pending slot. */
function onResend(state: ParticipantState, env: Env): ParticipantResult {
  const out: Output[] = [];
  for (const slot of state.slots) {
    const pp = slot.prePrepare;
    if (pp === null || !isPending(slot)) continue;
    const { view, seq, digest } = pp.body;
    // A prepared participant resends its PREPARE too: if those were lost, the others
    // can never prepare, and its COMMIT alone does not help them.
    out.push(...toOtherParticipants(state.id, env.config.participantCount, { kind: "Prepare", view, seq, digest }));
    if (slot.phase !== "pre-prepared") out.push(...toOtherParticipants(state.id, env.config.participantCount, { kind: "Commit", view, seq, digest }));
  }
  return { state, out };
}

function finish(before: ParticipantState, result: ParticipantResult, input: Input, env: Env): Output[] {
  const out = result.out;
  const wasPending = before.slots.some(isPending);
  const nowPending = result.state.slots.some(isPending);
  const refired = input.kind === "TimerFired" && input.timer === "resend";
  const timers: Output[] = [];
  if (nowPending && (!wasPending || refired)) timers.push({ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks });
  if (!nowPending && wasPending && !refired) timers.push({ kind: "CancelTimer", timer: "resend" });
  // Persist before send: a node that restarts must never contradict a vote it already sent.
  const persist = result.state !== before && out.some((o) => o.kind === "Send") && env.mutant !== "no-persist-before-send";
  return persist ? [{ kind: "Persist" }, ...out, ...timers] : [...out, ...timers];
}
