/**
 * PBFT §4.2 watermarks: a seq is acceptable only inside (h, h + W], where h is the
 * last stable checkpoint. A stable checkpoint moves h up and lets everything at or
 * below it be discarded (PBFT §4.3): its proof stands in for those logs.
 */
import type { Seq } from "../../spec/messages.js";
import { assert } from "./assert.js";
import { provenDigest } from "./checkpoint-log.js";
import type { StableCheckpoint } from "./checkpoint-log.js";
import type { ParticipantState } from "./participant-state.js";
import type { Env } from "./types.js";

export function inWindow(lowWatermark: Seq, seq: Seq, env: Env): boolean {
  if (!Number.isInteger(seq) || seq <= lowWatermark) return false;
  // The high watermark H = h + W: without it a Byzantine leader could open holes far ahead.
  return seq <= lowWatermark + env.config.windowSize;
}

/** Makes `stable` the participant's low watermark and drops the logs it covers. No-op unless it is newer. */
export function moveWindow(state: ParticipantState, stable: StableCheckpoint, env: Env): ParticipantState {
  const h = stable.seq;
  if (h <= state.lowWatermark) return state;
  // The logs it drops are gone for good: the window moves only on a proof anyone can re-check (paired with the
  // assertion where checkpoint-log.ts finds a seq stable).
  assert(provenDigest(h, stable.proof, env) !== null, `P${state.id} moves its window to ${h} without a valid proof`);
  return {
    ...state,
    lowWatermark: h,
    stableProof: stable.proof,
    slots: state.slots.filter((s) => s.seq > h),
    prepared: state.prepared.filter((c) => c.prePrepare.body.seq > h),
    proposals: state.proposals.filter((p) => p.seq > h),
    checkpoints: state.checkpoints.filter((c) => c.body.seq > h),
    // The snapshot at h itself stays: it is what this participant hands to a lagging one.
    snapshots: state.snapshots.filter((s) => s.seq >= h),
  };
}
