/**
 * A participant's two timers, each armed exactly while it is needed (a step diffs
 * the need before and after, so a fired timer is re-armed only if still needed):
 *
 * - resend: while some slot is pending, while it is in a view change (its
 *   VIEW-CHANGE may be lost), while it is behind its stable checkpoint (its state
 *   request may be lost), while f+1 others left it behind (state-transfer.ts
 *   `resendSigners`: it asks them for state), and, as leader, while its own
 *   pre-prepares are not executed here. A lost message is then survivable (DESIGN.md §3).
 * - view-change (PBFT §4.5.2): in normal status, while it waits on the leader — a
 *   known pending request or a pending slot it has not executed — restarted whenever
 *   a slot executes. During a view change, only once Q participants asked for the
 *   view (so one slow or faulty participant cannot push everyone through views),
 *   with the timeout doubled per view that failed since the last one installed.
 *   In normal status in a view installed after the last one in which this
 *   participant executed something new (`progressView`), the timeout is doubled
 *   once: PBFT §4.5.2 doubles the wait for the next view change when a view ends
 *   before it executes a request it had not executed before. Without it, at 30%
 *   loss a participant still gathering the votes the new view's pre-prepares need
 *   timed out after one period and pushed everyone into yet another view, whose
 *   votes it then had to gather again (test/impl/net/cluster/coordinator-crash:
 *   views 1 to 10 in 30 s, two of three honest participants stuck). Only once: a
 *   laggard that executes nothing in view after view (a hole only a view change
 *   fills) keeps asking with 2T, not with an ever longer timeout.
 * - view-change, for a participant left behind: an idle participant holding a
 *   VIEW-CHANGE from one that lacks what this view decided here since its NEW-VIEW (a
 *   checkpoint that became stable here since, or a request still pending there that
 *   executed here since) waits too. That participant stopped voting in this view and,
 *   with f faulty ones silent, can never gather Q votes to learn what it missed; only a
 *   view change, whose NEW-VIEW carries the prepared certificates, brings it back.
 *   Lag is a claim anyone can fake, so it is bounded by what only progress makes true
 *   (PBFT §4.5.2 lets f faulty participants force no view change): only progress made
 *   since the installed NEW-VIEW counts, and the next NEW-VIEW carries all of it (its
 *   checkpoint and certificates cover every seq decided before), so a faulty participant
 *   that fakes lag gets at most one view change per view that decided something new, and
 *   only while nothing is pending — never a view change per view, forever. Before, any
 *   stale claim (an empty checkpoint proof) re-armed every idle participant in every view.
 */
import type { PrePrepare } from "../../spec/messages.js";
import { confirms } from "../../spec/batch.js";
import { installedView, type ParticipantState, type SlotState } from "./participant-state.js";
import { carriedCheckpoint } from "./new-view.js";
import { leaderOf } from "./quorum.js";
import { resendSigners } from "./state-transfer.js";
import type { Env, Input, Output } from "./types.js";

/** Caps the doubling, so the timeout stays a finite number of ticks. */
const viewChangeAttemptMax = 16;

export const isPending = (slot: SlotState): boolean =>
  slot.phase === "pre-prepared" || slot.phase === "prepared" || slot.phase === "committed";

/**
 * As the leader of the current view: the pre-prepares of its NEW-VIEW, and those it proposed since, not yet
 * executed here.
 */
export function leaderBacklog(state: ParticipantState, env: Env): readonly PrePrepare[] {
  const nv = state.newView;
  if (state.status !== "normal" ||
      nv === null ||
      leaderOf(state.view, env.config.participantCount) !== state.id) return [];
  return [...nv.prePrepares, ...state.proposals]
    .filter((pp) => pp.seq > state.lastExecuted && pp.seq > state.lowWatermark);
}

export function needsResend(state: ParticipantState, env: Env): boolean {
  if (state.status === "view-change" ||
      state.lastExecuted < state.lowWatermark ||
      resendSigners(state, env).length > 0) return true;
  return state.slots.some(isPending) || leaderBacklog(state, env).length > 0;
}

/** Whether this participant itself waits on the leader: a known pending request or a pending slot not executed. */
export function waitsOnLeader(state: ParticipantState): boolean {
  return state.pending.length > 0 || state.slots.some((s) => isPending(s) && s.seq > state.lastExecuted);
}

/**
 * A VIEW-CHANGE for a later view from a participant that lacks progress made here in the installed
 * view (see the header): a checkpoint that became stable after the one its NEW-VIEW carried, or a
 * request it still waits on that a slot of this view's log executed here (a slot that only commits
 * again what executed in an earlier view has no confirmation: participant-normal.ts).
 */
function laggardAsking(state: ParticipantState): boolean {
  const carried = state.newView === null ? 0 : carriedCheckpoint(state.newView.viewChanges).seq;
  const executedInView = (id: string): boolean =>
    state.slots.some((s) => s.confirmation !== null && confirms(s.confirmation, id));
  return state.viewChanges.some((vc) => vc.signer !== state.id && vc.body.view > state.view &&
    ((vc.body.stableSeq < state.lowWatermark && state.lowWatermark > carried) ||
      vc.body.pending.some((r) => executedInView(r.body.id))));
}

export function viewChangeWaiting(state: ParticipantState, env: Env): boolean {
  if (state.status === "normal") return waitsOnLeader(state) || laggardAsking(state);
  const asked = new Set(state.viewChanges.filter((vc) => vc.body.view >= state.view).map((vc) => vc.signer))
    .add(state.id);
  return asked.size >= env.config.quorum;
}

export function viewChangeTicks(state: ParticipantState, env: Env): number {
  const failed = state.view - installedView(state) + (state.status === "normal" && awaitsProgress(state) ? 1 : 0);
  return env.config.viewChangeTicks * 2 ** Math.min(failed, viewChangeAttemptMax);
}

/** Whether this participant has executed nothing new since it installed its view (a view after the first). */
const awaitsProgress = (state: ParticipantState): boolean => installedView(state) > (state.progressView ?? 0);

/** `after` with `progressView` moved to its installed view when the step executed something new. */
export function withProgress(before: ParticipantState, after: ParticipantState): ParticipantState {
  if (after.lastExecuted <= before.lastExecuted || !awaitsProgress(after)) return after;
  return { ...after, progressView: installedView(after) };
}

/** The timers a node coming back from a crash needs: armed timers are volatile. */
export function timersNeeded(state: ParticipantState, env: Env): Output[] {
  const out: Output[] = [];
  if (needsResend(state, env)) out.push({ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks });
  if (viewChangeWaiting(state, env))
    out.push({ kind: "ArmTimer", timer: "view-change", ticks: viewChangeTicks(state, env) });
  return out;
}

export function timerChanges(before: ParticipantState, after: ParticipantState, input: Input, env: Env): Output[] {
  const fired = input.kind === "TimerFired" ? input.timer : null;
  const out: Output[] = [];
  const wasResending = needsResend(before, env);
  const resending = needsResend(after, env);
  if (resending && (!wasResending || fired === "resend"))
    out.push({ kind: "ArmTimer", timer: "resend", ticks: env.config.resendTicks });
  if (!resending && wasResending && fired !== "resend") out.push({ kind: "CancelTimer", timer: "resend" });
  const wasWaiting = viewChangeWaiting(before, env);
  const waiting = viewChangeWaiting(after, env);
  const restarted = after.view !== before.view || after.status !== before.status ||
    after.lastExecuted > before.lastExecuted;
  if (waiting && (!wasWaiting || fired === "view-change" || restarted)) {
    out.push({ kind: "ArmTimer", timer: "view-change", ticks: viewChangeTicks(after, env) });
  }
  if (!waiting && wasWaiting && fired !== "view-change") out.push({ kind: "CancelTimer", timer: "view-change" });
  return out;
}
