/**
 * The idle laggard beacon. A participant learns it fell behind only from
 * messages above what it executed: CHECKPOINTs of the others (checkpoint.ts,
 * state-transfer.ts `aheadSigners`) or resent PRE-PREPAREs. When it misses a
 * stretch while the others go on (a cut link, a partition) and then traffic
 * stops, nothing of that kind comes any more: the others sent their CHECKPOINTs
 * once, and the coordinator stops resending below their stable checkpoint. The
 * laggard then waited for new traffic, or for its view-change timer on a slot it
 * can never execute (a view change that fixes nothing).
 *
 * So a participant whose execution made no progress for `beaconIdlePeriods`
 * resend periods signs its stable CHECKPOINT again and sends it to every other
 * node, and again every such stretch while it stays idle. A laggard gets Q of
 * them for one seq above its window (or f+1 above what it executed): the core
 * adopts that stable checkpoint and asks for the state, as it would had it heard
 * the CHECKPOINTs the first time. Nothing in the core changes: a repeated
 * CHECKPOINT is a duplicate it ignores, one at or below a receiver's low
 * watermark too. The cost while idle is n CHECKPOINTs per participant per
 * stretch (one signature, cached, and n verifications).
 *
 * Why the stable one: its digest is proven by Q signatures, so a participant
 * whose window stands there executed to it (or fetched it) and holds exactly that
 * state; re-signing it says nothing new and cannot conflict with what it signed.
 */
import { coordinatorId } from "../../spec/config.js";
import type { Checkpoint, NodeId } from "../../spec/messages.js";
import type { ProtocolConfig } from "../../spec/config.js";
import type { NodeState } from "../core/types.js";
import { asNodeId } from "../../spec/ids.js";

/** Resend periods without execution progress before a participant announces its stable CHECKPOINT again. */
export const beaconIdlePeriods = 10;

/**
 * Counts resend periods without execution progress: `period` is called once per resend period with what the
 * participant executed by then and says whether to announce now (after `idlePeriods` idle periods in a row, and
 * then every `idlePeriods` while idle). Any progress starts the count again.
 */
export class IdleBeacon {
  private lastSeen: number | null = null;
  private idle = 0;

  constructor(private readonly idlePeriods = beaconIdlePeriods) {}

  period(lastExecuted: number): boolean {
    if (lastExecuted !== this.lastSeen) {
      this.lastSeen = lastExecuted;
      this.idle = 0;
      return false;
    }
    this.idle += 1;
    if (this.idle < this.idlePeriods) return false;
    this.idle = 0;
    return true;
  }
}

/**
 * The CHECKPOINT to announce: the participant's stable checkpoint, when it has one above the initial state and
 * holds that state (executed to it or fetched it); null otherwise, and always on the coordinator.
 */
export function beaconCheckpoint(state: NodeState): Checkpoint | null {
  if (state.role !== "participant") return null;
  const h = state.lowWatermark;
  const digest = state.stableProof.find((c) => c.body.seq === h)?.body.stateDigest;
  if (h === 0 || digest === undefined || state.lastExecuted < h) return null;
  return { kind: "Checkpoint", seq: h, stateDigest: digest };
}

/** Every other node: the other participants, and the coordinator, whose window moves on CHECKPOINTs too. */
export function beaconTargets(self: NodeId, protocol: ProtocolConfig): NodeId[] {
  const ids = Array.from({ length: protocol.participantCount }, (_, id) => asNodeId(id));
  return [...ids, coordinatorId(protocol)].filter((id) => id !== self);
}

export interface CheckpointBeaconDeps {
  readonly self: NodeId;
  readonly protocol: ProtocolConfig;
  /** One resend period in milliseconds (resendTicks times the tick). */
  readonly periodMs: number;
  readonly state: () => NodeState;
  /** Signs and sends, as the driver's Sends go (node-ports.ts `transmit`). */
  readonly transmit: (to: NodeId, message: Checkpoint) => void;
  readonly announced?: (checkpoint: Checkpoint) => void;
}

/** Runs the beacon on a participant; returns its stop. The coordinator runs none. */
export function startCheckpointBeacon(deps: CheckpointBeaconDeps): () => void {
  if (deps.state().role !== "participant") return () => undefined;
  const beacon = new IdleBeacon();
  const targets = beaconTargets(deps.self, deps.protocol);
  const timer = setInterval(() => {
    const state = deps.state();
    if (state.role !== "participant" || !beacon.period(state.lastExecuted)) return;
    const checkpoint = beaconCheckpoint(state);
    if (checkpoint === null) return;
    for (const to of targets) deps.transmit(to, checkpoint);
    deps.announced?.(checkpoint);
  }, deps.periodMs);
  timer.unref();
  return () => clearInterval(timer);
}
