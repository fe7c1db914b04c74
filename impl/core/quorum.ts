/**
 * Quorum arithmetic and leader rotation. Sets of nodes are 31-bit masks: with
 * n <= 29 (spec/config.ts) every participant, the coordinator and the client fit,
 * and a mask is a plain number the checker hashes for free.
 */
import type { NodeId, View } from "../../spec/messages.js";
import type { Env } from "./types.js";
import { asNodeId } from "../../spec/ids.js";

export type NodeSet = number;

export const emptySet: NodeSet = 0;
export const hasNode = (set: NodeSet, id: NodeId): boolean => (set & (1 << id)) !== 0;
export const withNode = (set: NodeSet, id: NodeId): NodeSet => set | (1 << id);

export function setSize(set: NodeSet): number {
  let count = 0;
  for (let s = set; s !== 0; s &= s - 1) count++;
  return count;
}

export function setMembers(set: NodeSet): NodeId[] {
  const members: NodeId[] = [];
  for (let id = 0; id < 31; id++) if (hasNode(set, asNodeId(id))) members.push(asNodeId(id));
  return members;
}

/** DESIGN.md §3: the coordinator C (id n) leads views 0, n+1, 2(n+1)...; P(v mod (n+1) - 1) the others. */
export function leaderOf(view: View, n: number): NodeId {
  const slot = view % (n + 1);
  return asNodeId(slot === 0 ? n : slot - 1);
}

export const isParticipant = (id: NodeId, n: number): boolean => Number.isInteger(id) && id >= 0 && id < n;

/** Matching votes needed for a prepared certificate: Q, so two certificates intersect in an honest signer. */
export function prepareQuorum(env: Env): number {
  return env.config.quorum;
}

/** Matching commits needed to be committed-local: Q, so f+1 honest participants hold the certificate. */
export function commitQuorum(env: Env): number {
  return env.config.quorum;
}

/** VIEW-CHANGEs a NEW-VIEW is built from and must carry: Q, so one of them carries every committed txn. */
export function newViewQuorum(env: Env): number {
  return env.config.quorum;
}
