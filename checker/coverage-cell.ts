/**
 * The cell of a world for coverage-guided search (explore-coverage.ts): what the
 * protocol has reached, with the message interleaving that got there forgotten.
 *
 * A cell keeps, per honest node, the PBFT progress that decides what can happen
 * next — view and status, each slot's phase, digest and vote counts, prepared
 * certificates, the view-changes and NEW-VIEW it holds, watermarks, executed seq,
 * proven set, armed timers — plus the fault budgets used and what the adversary
 * knows of view changes (its NEW-VIEW moves depend on it). It leaves out the
 * messages in flight and who signed each vote: two worlds in one cell differ in
 * what is on the wire, not in how far the protocol got. The search keeps one
 * world per cell, so the archive grows with protocol progress (thousands of
 * cells) instead of with interleavings (millions of states).
 *
 * Budgets are in the cell because a world that spent its timeouts reaching a
 * cell has fewer futures than one that did not; without them the first (poorer)
 * world would shadow the second.
 */
import type { ParticipantState, SlotState } from "../impl/core/participant-state.js";
import type { CoordinatorState } from "../impl/core/coordinator-state.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

/** Short stable names for digests (one per context), so a cell key stays small. */
export class DigestNames {
  private readonly names = new Map<string, number>();

  name(digest: string): number {
    let id = this.names.get(digest);
    if (id === undefined) { id = this.names.size; this.names.set(digest, id); }
    return id;
  }
}

function slotKey(s: SlotState, names: DigestNames): string {
  const digest = s.prePrepare === null ? "-" : names.name(s.prePrepare.body.digest);
  return `${s.seq}${s.phase.slice(0, 3)}${digest}`;
}

function participantKey(p: ParticipantState, names: DigestNames): string {
  const slots = p.slots.map((s) => slotKey(s, names)).join(",");
  const prepared = p.prepared.map((c) => `${c.prePrepare.body.seq}v${c.prePrepare.body.view}d${names.name(c.prePrepare.body.digest)}`).join(",");
  return `${p.view}${p.status[0]}${p.lowWatermark}/${p.lastExecuted}[${slots}]P${prepared}N${p.newView?.view ?? "-"}X${p.proven}`;
}

function coordinatorKey(c: CoordinatorState): string {
  return `${c.view}/${c.nextSeq}r${c.replies.length}X${c.proven}`;
}

/** The adversary's view-change knowledge: its NEW-VIEW moves are built from it (actions.ts). */
function knowledgeKey(world: World): string {
  const seen: string[] = [];
  for (const e of world.knowledge) {
    const body = e.message.body;
    if (body.kind === "ViewChange") seen.push(`${body.view}:${e.message.signer}:${body.prepared.length}`);
  }
  return seen.join(",");
}

export function cellKey(world: World, ctx: CheckContext, names: DigestNames): string {
  const parts: string[] = [];
  for (const id of ctx.honest) {
    const node = world.nodes[id];
    if (node === undefined) continue;
    if (world.silenced && id === ctx.coordinator) { parts.push("silenced"); continue; }
    parts.push(node.role === "participant" ? participantKey(node, names) : coordinatorKey(node));
  }
  const u = world.used;
  parts.push(`u${u.loss}${u.dup}${u.partitions}${u.crashes}${u.timeouts}i${world.isolated}`);
  parts.push(knowledgeKey(world));
  return parts.join("|");
}
