import { alwaysEach } from "../global-view.js";
import { asNodeId } from "../ids.js";
import type { NodeId, View } from "../messages.js";
import { transition } from "../transition-view.js";

/**
 * I9 leader authority (DESIGN.md §3): only the leader of a view may order it. The
 * leader of view v is the coordinator (id n) when v mod (n+1) = 0, else participant
 * P((v mod (n+1)) - 1). An honest participant never holds a PRE-PREPARE for view v
 * signed by anyone else, and never installs a NEW-VIEW for v that another signed
 * (`newViewSignerProblem`, judged on the transition that installs it). Stated here
 * from the design, apart from impl/core's own rule, so the two can disagree.
 */
export function leaderOfView(view: View, n: number): NodeId {
  const slot = view % (n + 1);
  return asNodeId(slot === 0 ? n : slot - 1);
}

const nodeName = (id: NodeId, n: number): string => (id === n ? "C" : `P${id}`);

export const leaderAuthority = alwaysEach("I9", "leader authority", (p, g) => {
  for (const pp of p.prePrepares) {
    const leader = leaderOfView(pp.view, g.n);
    if (pp.signer !== leader) {
      return `P${p.id} accepted a pre-prepare for view ${pp.view} seq ${pp.seq} ` +
        `signed by ${nodeName(pp.signer, g.n)}, ` +
        `but ${nodeName(leader, g.n)} leads view ${pp.view}`;
    }
  }
  return null;
});

/** Why installing a NEW-VIEW for `view` signed by `signer` breaks I9, or null when the signer leads that view. */
export function newViewSignerProblem(receiver: NodeId, view: View, signer: NodeId, n: number): string | null {
  const leader = leaderOfView(view, n);
  if (signer === leader) return null;
  return `P${receiver} installed a NEW-VIEW for view ${view} signed by ${nodeName(signer, n)}, ` +
    `but ${nodeName(leader, n)} leads view ${view}`;
}

/**
 * I9's transition half: a participant that installs a NEW-VIEW in a step took it from
 * that view's leader, either delivered and signed by it or built by itself as that leader.
 */
export const leaderAuthorityOnInstall = transition("I9", "leader authority", (d) =>
  d.installed === null ? null : newViewSignerProblem(d.receiver, d.installed.view, d.installed.signer, d.n));
