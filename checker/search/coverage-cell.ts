/**
 * The cell of a world for coverage-guided search (explore-coverage.ts): how far
 * the protocol got, with the interleaving that got it there forgotten.
 *
 * Per honest participant: view and status, watermarks and the last executed seq,
 * each slot's phase and digest, the prepared certificates (seq, view, digest),
 * the NEW-VIEW it installed and whom it holds proof against. Per coordinator: its
 * view, next seq, replies and proof. Then the fault budgets used (a world that
 * spent its timeouts to get somewhere has fewer futures than one that did not,
 * and must not shadow it) and which VIEW-CHANGEs the adversary knows (its NEW-VIEW
 * moves are built from them).
 *
 * Honest participants are a multiset (their keys sorted): which participant got
 * ahead rarely matters, and without it the cells of n participants multiply by
 * up to n! (`reexecute-txn`'s search: 15,000 cells instead of 40,000+ in 60 s,
 * caught in two seeds of three instead of none).
 *
 * Left out: messages in flight, who signed which vote, vote counts below a quorum,
 * armed timers, checkpoints. A finer cell (vote counts and timers were tried) gave
 * ten times the cells for the same excursions and found the deep mutants later:
 * the archive must grow with protocol milestones, not with interleavings.
 */
import type { ParticipantState, SlotState } from "../../impl/core/participant-state.js";
import type { CoordinatorState } from "../../impl/core/coordinator-state.js";
import type { CheckContext } from "../model/context.js";
import type { World } from "../model/world.js";

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
  const prepared = p.prepared.map((c) => {
    const body = c.prePrepare.body;
    return `${body.seq}v${body.view}d${names.name(body.digest)}`;
  }).join(",");
  const progress = `${p.view}${p.status[0]}${p.lowWatermark}/${p.lastExecuted}`;
  return `${progress}[${slots}]P${prepared}N${p.newView?.view ?? "-"}X${p.proven}`;
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
  const participants: string[] = [];
  const parts: string[] = [];
  for (const id of ctx.honest) {
    const node = world.nodes[id];
    if (node === undefined) continue;
    if (world.silenced && id === ctx.coordinator) { parts.push("silenced"); continue; }
    if (node.role === "participant") participants.push(participantKey(node, names));
    else parts.push(coordinatorKey(node));
  }
  // Honest participants as a multiset: "P1 ahead of P2" and "P2 ahead of P1" are one milestone
  // (symmetry in the cell only; the archived world keeps who is who).
  participants.sort();
  parts.push(...participants);
  const u = world.used;
  parts.push(`u${u.loss}${u.dup}${u.partitions}${u.crashes}${u.timeouts}i${world.isolated}`);
  parts.push(knowledgeKey(world));
  return parts.join("|");
}
