/**
 * What a participant sends again when its resend timer fires (participant-timers.ts
 * says when it runs): its latest own message for whatever it still waits on.
 */
import { toAllParticipants, toOtherParticipants } from "./broadcast.js";
import { findSlot, unchanged, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { isPending, leaderBacklog } from "./participant-timers.js";
import { leaderOf } from "./quorum.js";
import { resendSigners, stateRequests } from "./state-transfer.js";
import type { Env, Output } from "./types.js";
import { viewChangeSends } from "./view-change.js";

export function onResend(state: ParticipantState, env: Env): ParticipantResult {
  const asked = resendSigners(state, env);
  if (state.status === "view-change")
    return unchanged(state, [...viewChangeSends(state, env), ...stateRequests(state, env, asked)]);
  const n = env.config.participantCount;
  const out: Output[] = [];
  for (const slot of state.slots) {
    const pp = slot.prePrepare;
    if (pp === null || !isPending(slot)) continue;
    const { view, seq, digest } = pp.body;
    if (leaderOf(view, n) === state.id) out.push(...toOtherParticipants(state.id, n, pp.body));
    // A prepared participant resends its PREPARE too: if those were lost, the others
    // can never prepare, and its COMMIT alone does not help them.
    out.push(...toOtherParticipants(state.id, n, { kind: "Prepare", view, seq, digest }));
    if (slot.phase !== "pre-prepared")
      out.push(...toOtherParticipants(state.id, n, { kind: "Commit", view, seq, digest }));
  }
  // A leader whose own copy of a pre-prepare never arrived sends it to everyone again.
  for (const pp of leaderBacklog(state, env))
    if (findSlot(state, pp.seq)?.prePrepare == null) out.push(...toAllParticipants(n, pp));
  return unchanged(state, [...out, ...stateRequests(state, env, asked)]);
}
