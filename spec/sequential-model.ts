/**
 * A reference model of execution, independent of impl/core: the txns a replica
 * executed, applied one at a time in seq order to a fresh key/value store
 * (DESIGN.md §3, "Decide"). A txn commits iff its flag is commit and every
 * precondition ("key k is at version v") holds at its turn; a commit writes its
 * keys, each write raising the key's version by one; an abort changes nothing.
 * The invariant `sequential` (invariants/sequential.ts) holds every honest
 * replica's outcomes and data to it.
 */
import type { Outcome, ReplicaEntry, Seq, Txn } from "./messages.js";

export interface SequentialStep {
  readonly seq: Seq;
  readonly txn: Txn;
  /** The outcome the replica recorded. */
  readonly outcome: Outcome;
  /** The flag the executed slot carried, or null when the replica no longer holds it (pruned or re-proposed). */
  readonly flag: Outcome | null;
}

/** What the model says about one step, and whether the replica's outcome agrees with it. */
export interface SequentialVerdict {
  readonly step: SequentialStep;
  readonly preconditionsHold: boolean;
  /** A one-line disagreement, or null. */
  readonly problem: string | null;
}

interface Version { readonly value: string; readonly version: number }

/** Runs `steps` (in the order given: seq order) and judges each; `entries` is the data the model ends with. */
export function runSequential(steps: readonly SequentialStep[]):
  { verdicts: SequentialVerdict[]; entries: ReplicaEntry[] } {
  const store = new Map<string, Version>();
  const verdicts: SequentialVerdict[] = [];
  for (const step of steps) {
    const failed = step.txn.reads.find((r) => (store.get(r.key)?.version ?? 0) !== r.version);
    const holds = failed === undefined;
    let problem: string | null = null;
    if (step.outcome === "commit" && !holds && failed !== undefined) {
      problem = `${step.txn.id} committed at seq ${step.seq} ` +
        `but its precondition ${failed.key}@${failed.version} fails there ` +
        `(${failed.key} is at version ${store.get(failed.key)?.version ?? 0})`;
    } else if (step.outcome === "commit" && step.flag === "abort") {
      problem = `${step.txn.id} committed at seq ${step.seq} from a slot flagged abort`;
    } else if (step.outcome === "abort" && holds && step.flag === "commit") {
      problem = `${step.txn.id} aborted at seq ${step.seq} although flagged commit with every precondition holding`;
    }
    verdicts.push({ step, preconditionsHold: holds, problem });
    if (step.outcome !== "commit") continue;
    for (const w of step.txn.writes) {
      store.set(w.key, { value: w.value, version: (store.get(w.key)?.version ?? 0) + 1 });
    }
  }
  const entries = [...store.entries()].map(([key, v]) => ({ key, value: v.value, version: v.version }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { verdicts, entries };
}

/** Whether two entry lists (sorted by key) hold the same data. */
export function sameEntries(a: readonly ReplicaEntry[], b: readonly ReplicaEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => {
    const o = b[i];
    return o !== undefined && o.key === e.key && o.value === e.value && o.version === e.version;
  });
}
