import { canonicalJson } from "../canonical.js";
import type { Message } from "../messages.js";
import { confirmationSlot, confirmedStatement } from "../batch.js";

/** What a signed message commits its signer to, for the (kind, view, seq) it speaks about. */
interface Commitment { readonly key: string; readonly value: string }

function commitment(m: Message): Commitment | null {
  switch (m.kind) {
    case "PrePrepare":
    case "Prepare":
    case "Commit": return { key: `${m.kind} v=${m.view} s=${m.seq}`, value: m.digest };
    case "Confirm": {
      return { key: `Confirm ${confirmationSlot(m)}`, value: `${confirmedStatement(m)} ${m.replicaDigest}` };
    }
    case "Checkpoint": return { key: `Checkpoint s=${m.seq}`, value: m.stateDigest };
    // One VIEW-CHANGE per view, and a leader's one NEW-VIEW per view: a restarted node must resend, not rebuild, them.
    case "ViewChange":
    case "NewView": return { key: `${m.kind} v=${m.view}`, value: canonicalJson(m) };
    default: return null;
  }
}

/**
 * Honest signing, the converse of I5 at its source: an honest node never signs two
 * messages for one (kind, view, seq) that differ in what they state (DESIGN.md §4's
 * equivocation), or anyone holding both could prove it faulty. Judged over everything
 * one honest node signed in a run; returns the (kind, view, seq) keys it signed twice apart. A seq's batch is
 * confirmed in one message, so a confirmation's slot is its seq (spec/batch.ts).
 */
export function doubleSigned(signed: readonly Message[]): string[] {
  const seen = new Map<string, string>();
  const out = new Set<string>();
  for (const m of signed) {
    const c = commitment(m);
    if (c === null) continue;
    const before = seen.get(c.key);
    if (before === undefined) seen.set(c.key, c.value);
    else if (before !== c.value) out.add(c.key);
  }
  return [...out];
}
