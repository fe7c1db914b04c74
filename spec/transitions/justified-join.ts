/**
 * I10d's transition half, joining a view change (PBFT §4.5.2): a delivered message moves
 * an honest participant to a view-change for a higher view only
 * 1. on f+1 sound VIEW-CHANGEs of distinct other participants for higher views (it asks
 *    for the highest view f+1 of them vouch for: one of them is honest), or
 * 2. past a leader it holds proof against (it deposes it at once, PBFT §4.4),
 * and any mix of the two. Its own timer is not a delivery; installing a NEW-VIEW (normal
 * status) is I10d's state half.
 */
import type { HeldParticipant, Judge } from "../held-state.js";
import { maxView } from "../ids.js";
import type { Message, Signed, View, ViewChange } from "../messages.js";
import { viewChangeProblem } from "../invariants/justify-view-rules.js";
import { leaderOfView } from "../invariants/leader-authority.js";

/** The highest view f+1 distinct other participants' sound VIEW-CHANGEs ask for, above `view`, or null. */
function vouchedView(held: readonly Signed<ViewChange>[], self: number, view: View, judge: Judge): View | null {
  const bySigner = new Map<number, View>();
  for (const vc of held) {
    if (vc.signer === self || vc.body.view <= view || viewChangeProblem(vc, judge) !== null) continue;
    bySigner.set(vc.signer, maxView(vc.body.view, bySigner.get(vc.signer) ?? vc.body.view));
  }
  const views = [...bySigner.values()].sort((a, b) => b - a);
  return views[judge.config.faultyMax] ?? null;
}

/** Whether `to` is reached from `from` by stepping only past leaders in `proven`. */
function pastProvenLeaders(from: View, to: View, proven: number, judge: Judge): boolean {
  for (let v = from; v < to; v++) {
    if ((proven & (1 << leaderOfView(v, judge.config.participantCount))) === 0) return false;
  }
  return true;
}

export function viewJoinProblem(
  before: HeldParticipant, after: HeldParticipant, m: Signed<Message>, judge: Judge,
): string | null {
  if (after.status !== "view-change" || after.view <= before.view) return null;
  if (pastProvenLeaders(before.view, after.view, after.proven, judge)) return null;
  const held = m.body.kind === "ViewChange" ? [...before.viewChanges, { ...m, body: m.body }] : before.viewChanges;
  const vouched = vouchedView(held, after.id, before.view, judge);
  if (vouched !== null && vouched <= after.view && pastProvenLeaders(vouched, after.view, after.proven, judge)) {
    return null;
  }
  return `P${after.id} moved from view ${before.view} to a view change for ${after.view} on a ${m.body.kind} ` +
    `without f+1 VIEW-CHANGEs for it (${vouched === null ? "none vouch" : `f+1 vouch for ${vouched}`}) ` +
    "or proof against its leaders";
}
