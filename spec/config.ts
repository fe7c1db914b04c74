/**
 * The static protocol configuration and the relations it must satisfy, checked
 * once at construction (TLA+'s ASSUME), with a clear message when they do not.
 */
import { asNodeId } from "./ids.js";
import type { NodeId } from "./messages.js";

export interface ProtocolConfig {
  /** n: number of participants (the coordinator is not one of them). */
  readonly participantCount: number;
  /** f: Byzantine participants tolerated. */
  readonly faultyMax: number;
  /** Q: matching votes from distinct participants that make a certificate. */
  readonly quorum: number;
  /** W: how many seqs above the low watermark may be in flight at once (PBFT §4.2's H - h). */
  readonly windowSize: number;
  /** K: a checkpoint every K executed seqs (PBFT §4.3). */
  readonly checkpointInterval: number;
  /** Ticks between resends of a node's latest own message for a pending slot. */
  readonly resendTicks: number;
  /** Ticks a participant waits on a pending slot before it asks for a view change; doubles per failed view. */
  readonly viewChangeTicks: number;
  /**
   * The most txns one PRE-PREPARE carries (spec/batch.ts); absent means 1, so configs and traces from before
   * batching read unchanged. When to propose a partial batch is the driver's business (the core has no clock).
   */
  readonly batchSize?: number;
}

/** Q = ceil((n + f + 1) / 2): any two quorums intersect in at least f+1 participants, so in an honest one. */
export function quorumFor(n: number, f: number): number {
  return Math.ceil((n + f + 1) / 2);
}

export function coordinatorId(config: ProtocolConfig): NodeId {
  return asNodeId(config.participantCount);
}

/** The participants' ids, 0..n-1. */
export function participantIds(config: ProtocolConfig): NodeId[] {
  return Array.from({ length: config.participantCount }, (_, id) => asNodeId(id));
}

export function clientId(config: ProtocolConfig): NodeId {
  return asNodeId(config.participantCount + 1);
}

/** The largest n the core's bitmask sets support (participants, coordinator and client in 31 bits). */
export const participantCountMax = 29;

/** Returns a one-line reason the config is unusable, or null when every relation holds. */
export function configProblem(c: ProtocolConfig): string | null {
  const n = c.participantCount;
  const f = c.faultyMax;
  const ints = { n, f, quorum: c.quorum, windowSize: c.windowSize, checkpointInterval: c.checkpointInterval,
    resendTicks: c.resendTicks, viewChangeTicks: c.viewChangeTicks };
  for (const [name, value] of Object.entries(ints)) {
    if (!Number.isInteger(value) || value < 0) return `${name} must be a non-negative integer, got ${value}`;
  }
  if (n < 3 * f + 1) return `n must be at least 3f+1 = ${3 * f + 1} for f = ${f}, got n = ${n}`;
  if (n > participantCountMax) return `n must be at most ${participantCountMax}, got ${n}`;
  if (2 * c.quorum - n < f + 1)
    return `quorum ${c.quorum} is too small: two quorums of n = ${n} must share f+1 = ${f + 1} participants`;
  if (c.quorum > n - f)
    return `quorum ${c.quorum} exceeds n - f = ${n - f}: the honest participants alone could never reach it`;
  if (c.windowSize < 1) return `windowSize must be at least 1`;
  if (c.batchSize !== undefined && (!Number.isInteger(c.batchSize) || c.batchSize < 1))
    return `batchSize must be an integer of at least 1, got ${c.batchSize}`;
  if (c.checkpointInterval < 1) return `checkpointInterval must be at least 1`;
  if (c.checkpointInterval > c.windowSize)
    return `checkpointInterval (${c.checkpointInterval}) must not exceed windowSize (${c.windowSize})`;
  return null;
}

export function makeProtocolConfig(n: number, f: number, overrides: Partial<ProtocolConfig> = {}): ProtocolConfig {
  return {
    participantCount: n,
    faultyMax: f,
    quorum: quorumFor(n, f),
    windowSize: 4,
    checkpointInterval: 2,
    resendTicks: 4,
    viewChangeTicks: 8,
    ...overrides,
  };
}
