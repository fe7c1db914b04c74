import { canonicalJson } from "../canonical.js";
import type { Message } from "../messages.js";
import type { ProtocolConfig } from "../config.js";
import { confirmationSlot } from "../batch.js";

/** What a signed message commits its signer to, for the (kind, view, seq) it speaks about. */
interface Commitment { readonly key: string; readonly value: string }

function commitment(m: Message, config: ProtocolConfig | null): Commitment | null {
  switch (m.kind) {
    case "PrePrepare":
    case "Prepare":
    case "Commit": return { key: `${m.kind} v=${m.view} s=${m.seq}`, value: m.digest };
    case "Confirm": {
      const key = config === null ? `s=${m.seq}` : confirmationSlot(m, config);
      return { key: `Confirm ${key}`, value: `${m.txn} ${m.outcome} ${m.replicaDigest}` };
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
 * one honest node signed in a run; returns the (kind, view, seq) keys it signed twice apart. With `config`, a
 * batch's confirmations are one slot per txn (spec/batch.ts); without, one per seq.
 */
export function doubleSigned(signed: readonly Message[], config: ProtocolConfig | null = null): string[] {
  const seen = new Map<string, string>();
  const out = new Set<string>();
  for (const m of signed) {
    const c = commitment(m, config);
    if (c === null) continue;
    const before = seen.get(c.key);
    if (before === undefined) seen.set(c.key, c.value);
    else if (before !== c.value) out.add(c.key);
  }
  return [...out];
}
