/**
 * A Byzantine participant that keeps complaining, in the healed phase.
 *
 * PBFT's liveness argument (§4.5.2) assumes partial synchrony: after GST the
 * network delivers in bounded time, but the faulty replicas are as faulty as
 * before. The cheapest attack on liveness is then a faulty replica that asks for
 * view v+1 as soon as view v is installed. PBFT's rule defeats it: a replica
 * joins a view change on f+1 VIEW-CHANGEs for higher views, and f faulty ones
 * are not enough. A core that joins on fewer churns views forever while the
 * network is healthy, so the healed phase keeps this one Byzantine move.
 *
 * The complaint has the shape of the alphabet's VIEW-CHANGE for view 1 (no
 * checkpoint, no certificates: a faulty node cannot build them alone), for the
 * view after one an honest participant has installed. A Byzantine participant
 * complains when its alphabet holds a VIEW-CHANGE (strategies all and stale-view,
 * adversary-strategy.ts): the others do not change views in the fault phase either.
 *
 * Each complaint is sent to every honest participant as one `byzantine` action
 * per receiver, so a trace records it like any Byzantine send; `complaintActions`
 * says which complaints a world allows, which is how a replay matches them
 * (action-codec.ts).
 */
import type { NodeId, View, ViewChange } from "../../spec/messages.js";
import { isRunning, linkOpen, type Action } from "./actions.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";
import { asSeq, asView } from "../../spec/ids.js";

export function complaint(view: View): ViewChange {
  return { kind: "ViewChange", view, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending: [] };
}

/** The Byzantine participants that keep complaining: those whose alphabet asks for a view change. */
export function complainers(ctx: CheckContext): NodeId[] {
  return ctx.config.byzantine.filter((b) => ctx.alphabet.get(b)?.some((m) => m.kind === "ViewChange") === true);
}

/** The views some honest participant has installed and runs in (status normal, not mid-view-change), ascending. */
export function installedViews(world: World, ctx: CheckContext): View[] {
  const views = new Set<View>();
  for (const id of ctx.honestParticipants) {
    const node = world.nodes[id];
    if (node?.role === "participant" && node.status === "normal") views.add(node.view);
  }
  return [...views].sort((a, b) => a - b);
}

/** `from`'s complaint about `view` (asking for view + 1), to every honest participant it can reach. */
function sends(world: World, ctx: CheckContext, from: NodeId, view: View): Action[] {
  const message = complaint(asView(view + 1));
  return ctx.honestParticipants
    .filter((to) => linkOpen(world, from, to) && isRunning(world, ctx, to))
    .map((to): Action => ({ kind: "byzantine", from, to, message }));
}

/**
 * Every complaint a replay accepts in `world`: about any view up to the highest an honest
 * participant is in. The healed phase sends a complaint's copies one step each, and the first
 * may already move its receiver on (a core that joins on one complaint), so "installed now"
 * would reject the later copies; views only grow, so the highest view covers them all.
 */
export function complaintActions(world: World, ctx: CheckContext): Action[] {
  let highest = 0;
  for (const id of ctx.honestParticipants) {
    const node = world.nodes[id];
    if (node?.role === "participant") highest = Math.max(highest, node.view);
  }
  const views = Array.from({ length: highest + 1 }, (_, v) => v);
  return complainers(ctx).flatMap((from) => views.flatMap((view) => sends(world, ctx, from, asView(view))));
}

/**
 * The complainers' memory over one healed phase: each complains once about each
 * installed view, in a fixed order (view, then complainer id), so the phase stays
 * a function of its start state.
 */
export class Complainer {
  private readonly done = new Set<string>();
  private readonly from: readonly NodeId[];

  constructor(private readonly ctx: CheckContext) {
    this.from = complainers(ctx);
  }

  /** Whether a complaint is due in `world`: some installed view not complained about yet. */
  isDue(world: World): boolean {
    return this.from.length > 0 && this.fresh(world).length > 0;
  }

  /** The complaints due in `world`, to every receiver; marks them sent. */
  due(world: World): Action[] {
    return this.fresh(world).flatMap(({ from, view }) => {
      this.done.add(`${from}@${view + 1}`);
      return sends(world, this.ctx, from, view);
    });
  }

  private fresh(world: World): { from: NodeId; view: View }[] {
    if (this.from.length === 0) return [];
    return installedViews(world, this.ctx).flatMap((view) =>
      this.from.filter((from) => !this.done.has(`${from}@${view + 1}`)).map((from) => ({ from, view })));
  }

  /** What it has complained about, for recognising a recurring healed-phase state. */
  signature(): string {
    return [...this.done].sort().join(",");
  }
}
