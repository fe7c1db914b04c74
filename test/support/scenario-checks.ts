/**
 * The properties of DESIGN.md §5, judged over a scenario World with the checker's
 * own definitions, all in spec/: the world's node states go through the checker's
 * global-view adapter and every safety invariant of spec/invariants is evaluated on
 * it; the transition properties (I3's execution order, I6, I9's install half) are
 * judged as each step happens (scenario-world.ts), reports by the same judge as the
 * checker's, liveness through the checker's projection. Nodes the script made
 * Byzantine are not honest; every other node is. Each function returns one line per violation.
 */
import type { GlobalView } from "../../spec/global-view.js";
import { safetyInvariants } from "../../spec/invariants/index.js";
import { doubleSigned } from "../../spec/invariants/honest-signing.js";
import { undecided } from "../../spec/invariants/liveness.js";
import type { NodeId, Outcome, Txn } from "../../spec/messages.js";
import { livenessViewOf } from "../../checker/model/liveness.js";
import { globalViewOf } from "../../checker/model/global-view-adapter.js";
import { judgeReport } from "../../checker/model/transition-checks.js";
import { nodeName } from "./scenario-render.js";
import type { World } from "./scenario-world.js";

const honestParticipants = (world: World): NodeId[] => world.participants().filter((id) => world.isHonest(id));

/** The scenario world as the invariants see it. */
export function scenarioView(world: World): GlobalView {
  const submitted: { txn: Txn; flag: Outcome }[] = [];
  for (const [id, flags] of world.submitted) {
    const txn = world.txns.get(id);
    if (txn !== undefined) for (const flag of flags) submitted.push({ txn, flag });
  }
  // A script that speaks for a Byzantine coordinator also plays the client that handed it txns: every txn it
  // defined counts as submitted (the flag is then no authority: validity holds a Byzantine coordinator to nothing).
  if (!world.isHonest(world.coordinator)) {
    for (const txn of world.txns.values()) if (!world.submitted.has(txn.id)) submitted.push({ txn, flag: "commit" });
  }
  return globalViewOf(world.states, {
    n: world.n, f: world.config.faultyMax, windowSize: world.config.windowSize,
    honest: [...world.participants(), world.coordinator].filter((id) => world.isHonest(id)),
    coordinator: world.coordinator, coordinatorHonest: world.isHonest(world.coordinator), submitted,
    replicaKey: (replica) => world.env.digest(replica), judge: world.judge,
  });
}

/** Every safety invariant of spec/ that fails on the world, as `I1 agreement: ...`. */
export function specViolations(world: World): string[] {
  const view = scenarioView(world);
  const out: string[] = [];
  for (const invariant of safetyInvariants) {
    const problem = invariant.check(view);
    if (problem !== null) out.push(`${invariant.id} ${invariant.name}: ${problem}`);
  }
  for (const p of world.orderProblems) if (world.isHonest(p.id)) out.push(`I3 integrity: ${p.message}`);
  return out;
}

/** Honest signing (spec/invariants/honest-signing.ts) over everything each honest node signed in the script. */
export function honestSigning(world: World): string[] {
  const out: string[] = [];
  for (const [id, messages] of world.signed) {
    if (!world.isHonest(id)) continue;
    const who = nodeName(world, id);
    for (const key of doubleSigned(messages)) out.push(`honest signing: ${who} signed two different ${key}`);
  }
  return out;
}

/**
 * I5 at its source and suspicion accuracy, on every report an honest node made: the
 * checker's own judge (spec/invariants/reported-evidence.ts through checkReport's
 * projection), with honesty as the script has declared it by now.
 */
export function reportViolations(world: World): string[] {
  const honest = (id: NodeId): boolean => world.isHonest(id) && id <= world.n;
  const out: string[] = [];
  for (const { by, evidence } of world.reports) {
    if (!world.isHonest(by)) continue;
    const violation = judgeReport(by, evidence, world.env, honest);
    if (violation !== null) out.push(`${violation.invariant}: ${violation.message}`);
  }
  return [...new Set(out)];
}

/**
 * DESIGN.md §5's safety invariants (spec/), I5 and suspicion accuracy on each report and I6 and I9 on each
 * delivery (transition properties), and what only a driver seeing every send can judge: honest signing.
 */
export function safetyViolations(world: World): string[] {
  return [
    ...specViolations(world), ...reportViolations(world), ...honestSigning(world), ...world.transitionViolations,
  ];
}

/**
 * Bounded liveness (spec/invariants/liveness.ts) at the end of a healed run, projected as the checker projects
 * its world: with an honest coordinator every submitted txn, else every txn an honest participant has seen, is
 * decided by the honest participants the rule needs.
 */
export function livenessViolations(world: World): string[] {
  const view = livenessViewOf(world.states, honestParticipants(world), {
    f: world.config.faultyMax, coordinatorRunning: world.isHonest(world.coordinator),
    submitted: [...world.submitted.keys()],
  });
  const names = (ids: readonly NodeId[]): string => ids.map((id) => nodeName(world, id)).join(",");
  return undecided(view).map((u) => `liveness: ${u.txn} not decided by ${names(u.missing)}`);
}
