/**
 * The client's workload as a few dimensions every mode shares (BFS and coverage
 * take them as flags, swarm draws them): each txn's flag (the honest
 * coordinator's commit or abort), whether its precondition fails, and how many
 * keys the txns spread their writes over (one key: every pair conflicts).
 *
 * Txn i (from 0) is `t{i+1}`; it writes `k{i mod keys}` and reads that key at
 * version 0 ("never written"), so with fewer keys than txns a later txn's read
 * fails once an earlier one committed: a conflict decided by seq order. A stale
 * txn reads a version no execution of this workload reaches (more than the txn
 * count), so its precondition fails in every order: a commit-flagged stale txn
 * must be decided abort.
 *
 * Traces store the txns themselves (spec/trace.ts), so a trace replays without
 * these knobs; `workloadOf` recovers them for the re-run command line.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { Outcome, Txn } from "../../spec/messages.js";

export interface TxnShape {
  readonly flag: Outcome;
  /** The precondition names a version the key never reaches. */
  readonly stale: boolean;
}

export interface Workload {
  readonly txns: readonly TxnShape[];
  /** Distinct keys written, 1..9: txn i writes k{i mod keys}. */
  readonly keys: number;
}

export const txnCountMax = 9;
export const keysDefault = 2;

export function workloadTxns(w: Workload): { readonly txn: Txn; readonly flag: Outcome }[] {
  return w.txns.map((shape, i) => {
    const key = `k${i % w.keys}`;
    const version = shape.stale ? w.txns.length + 1 : 0;
    const txn = { id: `t${i + 1}`, writes: [{ key, value: `v${i + 1}` }], reads: [{ key, version }] };
    return { txn, flag: shape.flag };
  });
}

/** A one-line reason the workload is unusable, or null. */
export function workloadProblem(w: Workload): string | null {
  const count = w.txns.length;
  if (count < 1 || count > txnCountMax) return `txns must be an integer in 1..${txnCountMax}, got ${count}`;
  if (!Number.isInteger(w.keys) || w.keys < 1 || w.keys > txnCountMax) {
    return `keys must be an integer in 1..${txnCountMax}, got ${w.keys}`;
  }
  return null;
}

/** The workload these txns were generated from, or null when they are not of this shape (a hand-written trace). */
export function workloadOf(txns: readonly { readonly txn: Txn; readonly flag: Outcome }[]): Workload | null {
  if (txns.length === 0) return null;
  const shapes = txns.map((t) => ({ flag: t.flag, stale: (t.txn.reads[0]?.version ?? 0) !== 0 }));
  const same = canonicalJson(txns);
  // The default first: with no more txns than keys, several key counts give the same txns.
  for (const keys of [keysDefault, ...Array.from({ length: txnCountMax }, (_, i) => i + 1)]) {
    const w = { txns: shapes, keys };
    if (canonicalJson(workloadTxns(w)) === same) return w;
  }
  return null;
}

/** Parses `commit,abort,...` (one flag per txn). */
export function parseFlagList(raw: string): { ok: true; value: Outcome[] } | { ok: false; error: string } {
  const flags: Outcome[] = [];
  for (const part of raw.split(",").map((s) => s.trim())) {
    if (part !== "commit" && part !== "abort") {
      return { ok: false, error: `--flags takes commit|abort per txn, like commit,abort, got "${part}"` };
    }
    flags.push(part);
  }
  return { ok: true, value: flags };
}

/** Parses `2,3` or `t2,t3`: the txns whose precondition fails, each in 1..count. */
export function parseTxnList(raw: string, count: number): { ok: true; value: number[] } | { ok: false; error: string } {
  const out: number[] = [];
  for (const part of raw.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const m = /^t?(\d+)$/.exec(part);
    const i = m === null ? NaN : Number(m[1]);
    if (!(i >= 1 && i <= count)) {
      return { ok: false, error: `--stale-reads takes txn numbers in 1..${count} like 2 or t2, got "${part}"` };
    }
    out.push(i);
  }
  return { ok: true, value: out };
}

/** One report word for the txns: `txns=2 flags=commit,abort stale=t2 keys=1` (defaults left out). */
export function describeWorkload(txns: readonly { readonly txn: Txn; readonly flag: Outcome }[]): string {
  const parts = [`txns=${txns.length}`];
  const flags = [...new Set(txns.map((t) => t.flag))];
  parts.push(flags.length === 1 ? `flag=${flags[0] ?? "commit"}` : `flags=${txns.map((t) => t.flag).join(",")}`);
  const w = workloadOf(txns);
  if (w === null) return `${parts.join(" ")} (custom txns)`;
  const stale = w.txns.flatMap((t, i) => (t.stale ? [`t${i + 1}`] : []));
  if (stale.length > 0) parts.push(`stale=${stale.join(",")}`);
  if (w.keys !== keysDefault) parts.push(`keys=${w.keys}`);
  return parts.join(" ");
}
