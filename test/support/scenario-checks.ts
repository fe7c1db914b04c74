/**
 * The invariants of DESIGN.md §5, judged over a scenario World. Nodes the script
 * made Byzantine are skipped; every other node is honest. Each function returns
 * one line per violation (empty when the invariant holds).
 */
import { canonicalJson } from "../../spec/canonical.js";
import { verifyEvidence } from "../../impl/core/evidence-verify.js";
import { hasNode } from "../../impl/core/quorum.js";
import type { Message, NodeId, Outcome } from "../../spec/messages.js";
import { nodeName } from "./scenario-render.js";
import type { Decision, World } from "./scenario-world.js";

const honestParticipants = (world: World): NodeId[] => world.participants().filter((id) => world.isHonest(id));

/** I1: no two honest participants decide different things for one seq, or different outcomes for one txn. */
export function agreement(world: World): string[] {
  const bySeq = new Map<number, { id: NodeId; d: Decision }>();
  const byTxn = new Map<string, { id: NodeId; outcome: Outcome }>();
  const out: string[] = [];
  for (const id of honestParticipants(world)) {
    for (const d of world.decisions.get(id) ?? []) {
      const seen = bySeq.get(d.seq);
      if (seen === undefined) bySeq.set(d.seq, { id, d });
      else if (seen.d.txn !== d.txn || seen.d.outcome !== d.outcome) {
        out.push(`I1 agreement: s=${d.seq} ${nodeName(world, seen.id)} decided ${seen.d.txn} ${seen.d.outcome}, ${nodeName(world, id)} ${d.txn} ${d.outcome}`);
      }
      if (d.txn === null || d.outcome === null) continue;
      const first = byTxn.get(d.txn);
      if (first === undefined) byTxn.set(d.txn, { id, outcome: d.outcome });
      else if (first.outcome !== d.outcome) {
        out.push(`I1 agreement: ${d.txn} ${nodeName(world, first.id)} decided ${first.outcome}, ${nodeName(world, id)} ${d.outcome}`);
      }
    }
  }
  return out;
}

/** I2: with an honest coordinator, a committed txn was submitted by the client with the commit flag. */
export function validity(world: World): string[] {
  if (!world.isHonest(world.coordinator)) return [];
  const out: string[] = [];
  for (const id of honestParticipants(world)) {
    for (const d of world.decisions.get(id) ?? []) {
      if (d.outcome !== "commit" || d.txn === null) continue;
      if (!(world.submitted.get(d.txn) ?? []).includes("commit")) out.push(`I2 validity: ${nodeName(world, id)} committed ${d.txn}, never submitted with flag commit`);
    }
  }
  return out;
}

/** I3: an honest participant decides seqs 1, 2, 3... each once and in order, and executes a txn at most once. */
export function integrity(world: World): string[] {
  const out: string[] = [];
  for (const id of honestParticipants(world)) {
    const decisions = world.decisions.get(id) ?? [];
    decisions.forEach((d, i) => {
      if (d.seq !== i + 1) out.push(`I3 integrity: ${nodeName(world, id)} decided s=${d.seq} as its decision #${i + 1}`);
    });
    const txns = decisions.flatMap((d) => (d.txn === null ? [] : [d.txn]));
    const twice = txns.filter((t, i) => txns.indexOf(t) !== i);
    for (const t of new Set(twice)) out.push(`I3 integrity: ${nodeName(world, id)} executed ${t} more than once`);
  }
  return out;
}

/** I4: honest replicas observed at the same executed seq have equal data digests. */
export function consistency(world: World): string[] {
  const first = new Map<number, { id: NodeId; digest: string }>();
  const out: string[] = [];
  for (const id of honestParticipants(world)) {
    for (const [seq, digest] of world.executedDigests.get(id) ?? []) {
      const seen = first.get(seq);
      if (seen === undefined) first.set(seq, { id, digest });
      else if (seen.digest !== digest) out.push(`I4 consistency: at s=${seq} ${nodeName(world, seen.id)} and ${nodeName(world, id)} hold different replicas`);
    }
  }
  return out;
}

/** I5: no honest node is in an honest node's proven-faulty set. */
export function detectionAccuracy(world: World): string[] {
  const out: string[] = [];
  const honest = [...world.participants(), world.coordinator].filter((id) => world.isHonest(id));
  for (const judge of honest) {
    for (const accused of honest) {
      if (hasNode(world.state(judge).proven, accused)) out.push(`I5 detection accuracy: honest ${nodeName(world, judge)} holds proof against honest ${nodeName(world, accused)}`);
    }
  }
  for (const { by, evidence } of world.provenReports) {
    if (!world.isHonest(by)) continue;
    const verdict = verifyEvidence(evidence, world.env);
    if (verdict.holds) continue;
    const who = `${nodeName(world, by)}'s proof against ${nodeName(world, evidence.against)}`;
    out.push(`I5 detection accuracy: ${who} does not verify: ${verdict.why}`);
  }
  return out;
}

/** I7: what an honest coordinator replied equals what the honest participants decided. */
export function clientTruth(world: World): string[] {
  if (!world.isHonest(world.coordinator)) return [];
  const out: string[] = [];
  for (const reply of world.replies) {
    for (const id of honestParticipants(world)) {
      const d = (world.decisions.get(id) ?? []).find((x) => x.txn === reply.txn);
      if (d !== undefined && d.outcome !== reply.outcome) out.push(`I7 client truth: C replied ${reply.txn} ${reply.outcome}, ${nodeName(world, id)} decided ${d.outcome}`);
    }
  }
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

export function safetyViolations(world: World): string[] {
  return [
    ...agreement(world), ...validity(world), ...integrity(world), ...consistency(world),
    ...detectionAccuracy(world), ...clientTruth(world), ...honestSigning(world), ...suspicionAccuracy(world),
    ...world.transitionViolations,
  ];
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

/** Liveness at the end of a healed run: every txn the client submitted is decided by every honest participant. */
export function livenessViolations(world: World): string[] {
  const out: string[] = [];
  for (const txn of world.submitted.keys()) {
    const missing = honestParticipants(world).filter((id) => !(world.decisions.get(id) ?? []).some((d) => d.txn === txn));
    if (missing.length > 0) out.push(`liveness: ${txn} not decided by ${missing.map((id) => nodeName(world, id)).join(",")}`);
  }
  return out;
}
