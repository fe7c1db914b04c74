/**
 * Read-only views of a node's state for GET /status and GET /replica: what the
 * cluster tool compares across honest replicas at the end of a run (equal
 * replica digests, every acknowledged outcome present).
 */
import { confirmedTxns } from "../../spec/batch.js";
import type { NodeState } from "../core/types.js";
import { sha256Digest } from "./node-env.js";

export function statusOf(state: NodeState, name: string, behaviour: string): Record<string, unknown> {
  if (state.role === "coordinator") {
    return {
      node: name, role: state.role, behaviour, view: state.view, lowWatermark: state.lowWatermark,
      nextSeq: state.nextSeq, queued: state.queue.length,
      proposals: state.proposals.length, replies: state.replies.length,
    };
  }
  // Those still in the core's log (above its window); the node adds what it sent since it started.
  const confirmationsInLog = { commit: 0, abort: 0 };
  for (const slot of state.slots) {
    if (slot.confirmation === null) continue;
    for (const { outcome } of confirmedTxns(slot.confirmation)) confirmationsInLog[outcome] += 1;
  }
  return {
    node: name, role: state.role, behaviour, view: state.view, status: state.status, lowWatermark: state.lowWatermark,
    lastExecuted: state.lastExecuted, replicaDigest: sha256Digest(state.replica),
    executedTxns: state.replica.outcomes.length,
    confirmationsInLog,
  };
}

export function replicaOf(state: NodeState, name: string): Record<string, unknown> {
  if (state.role !== "participant") return { node: name, role: state.role };
  return {
    node: name, lastExecuted: state.lastExecuted, replicaDigest: sha256Digest(state.replica),
    outcomes: state.replica.outcomes, entries: state.replica.entries.length,
    // The cluster's sequential-model check compares its own replay with this.
    entriesDigest: sha256Digest(state.replica.entries),
  };
}

/**
 * The length of every list in the core state (slots, snapshots, confirmations, replies, ...) and of the
 * replica's entries and outcomes: each must stay bounded by the window or the retention (issue 15).
 */
export function heldItems(state: NodeState): Record<string, number> {
  const held: Record<string, number> = {};
  for (const [field, value] of Object.entries(state)) if (Array.isArray(value)) held[field] = value.length;
  if (state.role === "participant") {
    held["replica.entries"] = state.replica.entries.length;
    held["replica.outcomes"] = state.replica.outcomes.length;
  }
  return held;
}
