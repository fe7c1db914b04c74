/** One readable line per action, for the checker's and replay's step-by-step output. */
import type { Message, NodeId } from "../../spec/messages.js";
import type { ActionRecord } from "../../spec/trace.js";
import { assertNever } from "../../impl/core/assert.js";
import { asNodeId } from "../../spec/ids.js";
import { batchOf, confirmedStatement } from "../../spec/batch.js";

export function nodeName(id: NodeId, n: number): string {
  if (id === n) return "C";
  if (id === n + 1) return "client";
  return `P${id}`;
}

const short = (digest: string): string => digest.slice(0, 6);

export function formatMessage(m: Message): string {
  switch (m.kind) {
    case "Request": return `Request ${m.request.body.id}:${m.flag}`;
    case "PrePrepare": {
      const batch = batchOf(m);
      const what = batch.length === 0 ? "null" : batch.map((x) => `${x.request.body.id}:${x.flag}`).join(",");
      return `PrePrepare v=${m.view} s=${m.seq} ${what} d=${short(m.digest)}`;
    }
    case "Prepare":
    case "Commit": return `${m.kind} v=${m.view} s=${m.seq} d=${short(m.digest)}`;
    case "Confirm": return `Confirm s=${m.seq} ${confirmedStatement(m)}`;
    case "Checkpoint": return `Checkpoint s=${m.seq} d=${short(m.stateDigest)}`;
    case "ViewChange":
      return `ViewChange v=${m.view} stable=${m.stableSeq} prepared=${m.prepared.length} pending=${m.pending.length}`;
    case "NewView": return `NewView v=${m.view} vcs=${m.viewChanges.length} pre-prepares=${m.prePrepares.length}`;
    case "StateRequest": return `StateRequest s=${m.seq}`;
    case "StateReply": return `StateReply s=${m.seq}`;
    default: return assertNever(m);
  }
}

export function formatAction(a: ActionRecord, n: number): string {
  const name = (id: NodeId): string => nodeName(id, n);
  switch (a.kind) {
    case "deliver":
    case "drop":
    case "duplicate":
      return `${a.kind} ${name(a.from)} -> ${name(a.to)} ${formatMessage(a.message.body)}`;
    case "fire": return `fire ${name(a.node)} ${a.timer} timer`;
    case "isolate": return `isolate ${name(a.node)} from every other node`;
    case "crash": return `crash and restart ${name(a.node)}`;
    case "heal": return "heal the partition";
    case "silence": return `${name(asNodeId(n))} falls silent for good`;
    case "byzantine": return `byzantine ${name(a.from)} -> ${name(a.to)} ${formatMessage(a.body)}`;
    case "equivocate":
      return `byzantine ${name(a.from)} -> ${name(a.to)} equivocates: ` +
        `${formatMessage(a.first)}, then ${formatMessage(a.second)}`;
    case "forge":
      return `byzantine ${name(a.from)} -> ${name(a.to)} forges ${name(a.signer)}'s ${formatMessage(a.body)}`;
    case "replay":
      return `byzantine ${name(a.from)} replays to ${name(a.to)}: ` +
        `${name(a.message.signer)}'s ${formatMessage(a.message.body)}`;
    case "client": return `client submits ${a.request.body.id} (coordinator flag ${a.flag})`;
    default: return assertNever(a);
  }
}
