/**
 * Checkpoints at a participant (PBFT §4.3). CHECKPOINTs of every participant, its
 * own included, are logged; once Q of them sign one digest for a seq, that checkpoint
 * is stable: the window moves up to it and the logs below it go. A participant whose
 * stable checkpoint is above what it executed fetches the state (state-transfer.ts).
 */
import type { Checkpoint, Signed } from "../../spec/messages.js";
import { assertNever } from "./assert.js";
import { recordCheckpoint, type StableCheckpoint } from "./checkpoint-log.js";
import { equivocation, suspect } from "./evidence.js";
import { unchanged, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { isParticipant } from "./quorum.js";
import { stateRequests } from "./state-transfer.js";
import type { Env } from "./types.js";
import { moveWindow } from "./window.js";

export function onCheckpoint(state: ParticipantState, m: Signed<Checkpoint>, env: Env): ParticipantResult {
  const c = m.body;
  if (!isParticipant(m.signer, env.config.participantCount)) return unchanged(state, [suspect(m.signer, "unexpected", "checkpoint from a non-participant")]);
  if (c.seq <= state.lowWatermark) return unchanged(state);
  if (c.seq % env.config.checkpointInterval !== 0) return unchanged(state, [suspect(m.signer, "unexpected", `checkpoint at s${c.seq}, not a multiple of K`)]);
  const record = recordCheckpoint(state.checkpoints, m, state.proven, env);
  switch (record.kind) {
    case "ignored": return unchanged(state);
    case "conflict": return equivocation(state, record.previous, m, `checkpoint s${c.seq}`);
    case "recorded": {
      const next = { ...state, checkpoints: record.checkpoints };
      return record.stable === null ? unchanged(next) : adoptStable(next, record.stable);
    }
    default: return assertNever(record);
  }
}

/** Moves the window to a proven stable checkpoint; asks for the state when it is ahead of execution. */
export function adoptStable(state: ParticipantState, stable: StableCheckpoint): ParticipantResult {
  const next = moveWindow(state, stable);
  return next === state ? unchanged(state) : { state: next, out: stateRequests(next) };
}
