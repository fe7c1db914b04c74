/**
 * The properties of DESIGN.md §5 on the scenario façade's world, judged as the checker
 * judges its own: the world's node states go through the checker's global-view adapter
 * and every safety invariant of spec/invariants is evaluated on it; the transition
 * properties (I3, I5, I6, I9, I10's transition half) are those apply() found as each
 * action happened (scenario-facade.ts); liveness goes through the checker's projection.
 * Honest signing (spec/invariants/honest-signing.ts) needs every send, which only a
 * driver that sees the outputs has. Each function returns one line per violation.
 */
import type { GlobalView } from "../../spec/global-view.js";
import { safetyInvariants } from "../../spec/invariants/index.js";
import { doubleSigned } from "../../spec/invariants/honest-signing.js";
import { undecided } from "../../spec/invariants/liveness.js";
import type { NodeId, Outcome, Txn } from "../../spec/messages.js";
import { livenessViewOf } from "../../checker/model/liveness.js";
import { globalViewOf } from "../../checker/model/global-view-adapter.js";
import { nodeName } from "./scenario-render.js";
import type { ScenarioFacade } from "./scenario-facade.js";

/**
 * The façade's world as the invariants see it: the checker's own facts (globalView), except
 * what the client submitted, which only the script knows (its context names every txn the
 * script defined, for the adversary's domains).
 */
export function scenarioView(facade: ScenarioFacade): GlobalView {
  const { ctx } = facade;
  const submitted: { txn: Txn; flag: Outcome }[] = [];
  for (const [id, flags] of facade.submitted) {
    const txn = facade.names.txns.get(id);
    if (txn !== undefined) for (const flag of flags) submitted.push({ txn, flag });
  }
  // A script that speaks for a Byzantine coordinator also plays the client that handed it txns: every txn it
  // defined counts as submitted (the flag is then no authority: validity holds a Byzantine coordinator to nothing).
  if (!ctx.coordinatorStepped) {
    for (const txn of facade.names.txns.values()) {
      if (!facade.submitted.has(txn.id)) submitted.push({ txn, flag: "commit" });
    }
  }
  return globalViewOf(facade.world.nodes, {
    n: ctx.config.n, f: ctx.config.f, windowSize: ctx.config.protocol.windowSize, honest: ctx.honest,
    coordinator: ctx.coordinator, coordinatorHonest: ctx.coordinatorStepped, submitted,
    replicaKey: (replica) => ctx.env.digest(replica), judge: ctx.judge,
  });
}

/** Every safety invariant of spec/ that fails on the world, as `I1 agreement: ...`. */
export function specViolations(facade: ScenarioFacade): string[] {
  const view = scenarioView(facade);
  const out: string[] = [];
  for (const invariant of safetyInvariants) {
    const problem = invariant.check(view);
    if (problem !== null) out.push(`${invariant.id} ${invariant.name}: ${problem}`);
  }
  return out;
}

/** Honest signing over everything each honest node signed in the script. */
export function honestSigning(facade: ScenarioFacade): string[] {
  const out: string[] = [];
  for (const [id, messages] of facade.signed) {
    if (!facade.isHonest(id)) continue;
    const who = nodeName(facade, id);
    for (const key of doubleSigned(messages)) {
      out.push(`honest signing: ${who} signed two different ${key}`);
    }
  }
  return out;
}

/** DESIGN.md §5's safety invariants, the transition properties apply() judged, and honest signing. */
export function safetyViolations(facade: ScenarioFacade): string[] {
  return [...specViolations(facade), ...facade.transitionViolations, ...honestSigning(facade)];
}

/**
 * Bounded liveness (spec/invariants/liveness.ts) at the end of a healed run, projected as the checker projects
 * its world: with an honest coordinator every submitted txn, else every txn an honest participant has seen, is
 * decided by the honest participants the rule needs.
 */
export function livenessViolations(facade: ScenarioFacade): string[] {
  const { ctx } = facade;
  const view = livenessViewOf(facade.world.nodes, ctx.honestParticipants, {
    f: ctx.config.f, coordinatorRunning: ctx.coordinatorStepped, submitted: [...facade.submitted.keys()],
  });
  const names = (ids: readonly NodeId[]): string => ids.map((id) => nodeName(facade, id)).join(",");
  return undecided(view).map((u) => `liveness: ${u.txn} not decided by ${names(u.missing)}`);
}
