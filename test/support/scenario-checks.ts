/**
 * The invariants of DESIGN.md §5, judged over a scenario World with the checker's
 * own definitions: the world's node states go through the checker's global-view
 * adapter and every safety invariant of spec/invariants is evaluated on it, and
 * I3's transition part (execution order) is the spec's predicate, applied as each
 * decision is emitted (scenario-world.ts). Nodes the script made Byzantine are not
 * honest; every other node is. Each function returns one line per violation.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { GlobalView } from "../../spec/global-view.js";
import { safetyInvariants } from "../../spec/invariants/index.js";
import type { Message, NodeId, Outcome, Txn } from "../../spec/messages.js";
import { globalViewOf } from "../../checker/model/global-view-adapter.js";
import { verifyEvidence } from "../../impl/core/evidence-verify.js";
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
    replicaKey: (replica) => world.env.digest(replica),
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

/** What a signed message commits its signer to, for the (kind, view, seq) it speaks about. */
function commitment(m: Message): { readonly key: string; readonly value: string } | null {
  switch (m.kind) {
    case "PrePrepare":
    case "Prepare":
    case "Commit": return { key: `${m.kind} v=${m.view} s=${m.seq}`, value: m.digest };
    case "Confirm": return { key: `Confirm s=${m.seq}`, value: `${m.txn} ${m.outcome} ${m.replicaDigest}` };
    case "Checkpoint": return { key: `Checkpoint s=${m.seq}`, value: m.stateDigest };
    // One VIEW-CHANGE per view, and a leader's one NEW-VIEW per view: a restarted node must resend, not rebuild, them.
    case "ViewChange":
    case "NewView": return { key: `${m.kind} v=${m.view}`, value: canonicalJson(m) };
    default: return null;
  }
}

/**
 * The converse of I5, checked at the source: an honest node never signs two
 * messages for one (kind, view, seq) that differ in what they state (DESIGN.md §4's
 * equivocation), or anyone holding both could prove it faulty.
 */
export function honestSigning(world: World): string[] {
  const out: string[] = [];
  for (const [id, messages] of world.signed) {
    if (!world.isHonest(id)) continue;
    const seen = new Map<string, string>();
    for (const m of messages) {
      const c = commitment(m);
      if (c === null) continue;
      const before = seen.get(c.key);
      if (before === undefined) seen.set(c.key, c.value);
      else if (before !== c.value) out.push(`honest signing: ${nodeName(world, id)} signed two different ${c.key}`);
    }
  }
  return [...new Set(out)];
}

/** I5 at its source: every proof an honest node reported verifies (the one judge, verifyEvidence). */
export function reportedProofs(world: World): string[] {
  const out: string[] = [];
  for (const { by, evidence } of world.provenReports) {
    if (!world.isHonest(by)) continue;
    const verdict = verifyEvidence(evidence, world.env);
    if (verdict.holds) continue;
    const who = `${nodeName(world, by)}'s proof against ${nodeName(world, evidence.against)}`;
    out.push(`I5 detection accuracy: ${who} does not verify: ${verdict.why}`);
  }
  return out;
}

/**
 * DESIGN.md §4: a message that fails to verify is blamed on the link it came from, never on the
 * signer it claims. An honest node sends only envelopes it signed itself, so an honest node that
 * suspects an honest participant or coordinator of a bad signature blamed a name written on garbage.
 */
export function suspicionAccuracy(world: World): string[] {
  return world.badSignatureSuspicions
    .filter((s) => world.isHonest(s.by) && world.isHonest(s.against) && s.against !== world.client)
    .map((s) => `suspicion accuracy: ${nodeName(world, s.by)} suspects honest ${nodeName(world, s.against)}` +
      " of a bad signature");
}

/**
 * DESIGN.md §5's safety invariants (spec/), I5 on reported proofs and I6 on each delivery (transition checks),
 * and what only a driver seeing every send can judge: honest signing and suspicion accuracy.
 */
export function safetyViolations(world: World): string[] {
  return [
    ...specViolations(world), ...reportedProofs(world), ...honestSigning(world), ...suspicionAccuracy(world),
    ...world.transitionViolations,
  ];
}

/** Liveness at the end of a healed run: every txn the client submitted is decided by every honest participant. */
export function livenessViolations(world: World): string[] {
  const out: string[] = [];
  for (const txn of world.submitted.keys()) {
    const missing = honestParticipants(world).filter((id) => !(world.decisions.get(id) ?? []).some((d) => d.txn === txn));
    if (missing.length > 0) out.push(`liveness: ${txn} not decided by ${missing.map((id) => nodeName(world, id)).join(",")}`);
  }
  return out;
}
