/**
 * Checkpoints at a participant (PBFT §4.3). CHECKPOINTs of every participant, its
 * own included, are logged; once Q of them sign one digest for a seq, that checkpoint
 * is stable: the window moves up to it and the logs below it go. A participant whose
 * stable checkpoint is above what it executed fetches the state (state-transfer.ts).
 */
import type { Checkpoint, Signed } from "../../spec/messages.js";
import { onCheckpointMessage, type StableCheckpoint } from "./checkpoint-log.js";
import { unchanged, type ParticipantResult, type ParticipantState } from "./participant-state.js";
import { aheadSigners, stateRequests } from "./state-transfer.js";
import type { Env } from "./types.js";
import { moveWindow } from "./window.js";

export function onCheckpoint(state: ParticipantState, m: Signed<Checkpoint>, env: Env): ParticipantResult {
  const result = onCheckpointMessage(state, m, env, (next, stable) => adoptStable(next, stable, env));
  // The f+1-th participant to leave this one behind: ask at once (the resend timer asks again).
  const behind = aheadSigners(result.state, env).length > 0 && aheadSigners(state, env).length === 0;
  return behind ? { state: result.state, out: [...result.out, ...stateRequests(result.state, env)] } : result;
}

/** Moves the window to a proven stable checkpoint; asks for the state when it is ahead of execution. */
export function adoptStable(state: ParticipantState, stable: StableCheckpoint, env: Env): ParticipantResult {
  const next = moveWindow(state, stable, env);
  return next === state ? unchanged(state) : { state: next, out: stateRequests(next, env) };
}
