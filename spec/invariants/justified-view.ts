import { judged } from "../held-state.js";
import { leaderOfView } from "./leader-authority.js";
import { newViewProblem, viewChangeProblem } from "./justify-view-rules.js";
import { justifiedAlways } from "./justified.js";

/**
 * I10d entered views: an honest participant in normal status in view v > 0 installed
 * v's NEW-VIEW; every NEW-VIEW it installed (also one it follows as a learner) is its
 * leader's — signed by that leader, or built by itself as the leader — and sound: Q
 * sound VIEW-CHANGEs for that view from distinct participants, with exactly the
 * pre-prepares the NEW-VIEW rule derives (justify-view-rules.ts). Every VIEW-CHANGE it
 * keeps is sound. A view it asked for on its own timer leaves no trace in its state;
 * joining on f+1 others' VIEW-CHANGEs is judged on the transition (spec/transitions).
 */
export const justifiedView = justifiedAlways("I10d", "justified views", (p, judge) => {
  const nv = p.newView;
  if (p.status === "normal" && p.view > 0 && nv?.view !== p.view) return `is in view ${p.view} without its NEW-VIEW`;
  for (const vc of p.viewChanges) {
    const problem = judged(judge, vc, () => viewChangeProblem(vc, judge));
    if (problem !== null) return `keeps an unsound ${problem}`;
  }
  if (nv === null) return null;
  const leader = leaderOfView(nv.view, judge.config.participantCount);
  const signed = p.newViewSigned;
  if (signed === undefined ? p.id !== leader : signed.signer !== leader || !judge.verify(signed)) {
    return `installed a NEW-VIEW for view ${nv.view} not from its leader ${leader}`;
  }
  if (signed !== undefined && judge.digest(signed.body) !== judge.digest(nv)) {
    return `installed a NEW-VIEW other than the one signed`;
  }
  const problem = judged(judge, nv, () => newViewProblem(nv, judge));
  return problem === null ? null : `installed an unsound ${problem}`;
});
