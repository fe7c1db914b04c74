/**
 * The summary of a cluster run, as figures (JSON) and as text: confirmations
 * per participant, the faulty list with evidence, throughput, client latency,
 * messages and CPU per transaction, and the end-of-run check.
 */
import type { FaultyEntry } from "../faulty-list.js";
import type { ClusterRun } from "./cluster-run.js";

export interface ClusterSummary {
  readonly ok: boolean;
  readonly dir: string;
  readonly messageLog: string;
  readonly txns: {
    readonly acknowledged: number; readonly commit: number; readonly abort: number; readonly undecided: number;
    /** Outcomes the client read from f+1 participants' signed confirmations because C did not answer. */
    readonly viaParticipants: number;
    /** Txns that expired with no outcome proven (410): they executed at most once and never will now. */
    readonly expired: number;
    /** Per replica: acknowledged records it pruned by expiry, restored for the end-of-run check. */
    readonly pruned: readonly { readonly node: string; readonly pruned: number }[];
  };
  readonly seconds: number;
  readonly txnPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly messagesPerTxn: number;
  /** Bytes written to peer sockets by every node, per acknowledged txn. */
  readonly peerBytesPerTxn: number;
  /** Per node: Ed25519 signs and verifications it ran, per acknowledged txn. */
  readonly signaturesPerTxn: readonly { readonly node: string; readonly signs: number; readonly verifies: number }[];
  /** Nodes whose counters are missing from the per-txn figures (they did not answer a sample). */
  readonly unsampled: readonly string[];
  readonly cpuMsPerTxn: number;
  /** Saves of node state (each flushed to disk), all nodes, per acknowledged txn. */
  readonly persistsPerTxn: number;
  readonly relay: ClusterRun["relay"];
  readonly participants: readonly Record<string, unknown>[];
  readonly faulty: readonly Omit<FaultyEntry, "proof">[];
  readonly faultySource: string;
  readonly timeline: readonly string[];
  readonly problems: readonly string[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

export function summarize(run: ClusterRun): ClusterSummary {
  const outcomes = [...run.workload.acknowledged.values()];
  const acknowledged = outcomes.length;
  const per = Math.max(1, acknowledged);
  // Only nodes sampled both times count: a node that did not answer has no counters, not zero ones.
  const both = run.after.filter((s) => s.sampled && run.before.some((b) => b.name === s.name && b.sampled));
  const delta = (field: "sent" | "cpuMs" | "peerBytesSent" | "signs" | "verifies" | "persists", name: string): number =>
    (run.after.find((s) => s.name === name)?.[field] ?? 0) - (run.before.find((s) => s.name === name)?.[field] ?? 0);
  const total = (field: "sent" | "cpuMs" | "peerBytesSent" | "persists"): number =>
    both.reduce((sum, s) => sum + delta(field, s.name), 0);
  const sent = total("sent");
  const cpu = total("cpuMs");
  const peerBytes = total("peerBytesSent");
  const signaturesPerTxn = both.map((s) => ({
    node: s.name, signs: round(delta("signs", s.name) / per, 2), verifies: round(delta("verifies", s.name) / per, 2),
  }));
  const latencies = [...run.workload.latenciesMs].sort((a, b) => a - b);
  const seconds = run.workload.wallMs / 1000;
  return {
    ok: run.check.ok && run.workload.undecided.length === 0,
    dir: run.dir, messageLog: run.messageLog,
    txns: {
      acknowledged, commit: outcomes.filter((o) => o === "commit").length,
      abort: outcomes.filter((o) => o === "abort").length,
      undecided: run.workload.undecided.length, viaParticipants: run.workload.viaParticipants,
      expired: run.workload.expired.length, pruned: run.check.replicas.map((r) => ({ node: r.node, pruned: r.pruned })),
    },
    seconds: round(seconds, 2), txnPerSecond: round(acknowledged / Math.max(seconds, 1e-9)),
    latencyMs: {
      p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? 0),
    },
    messagesPerTxn: round(sent / per), peerBytesPerTxn: Math.round(peerBytes / per), signaturesPerTxn,
    unsampled: run.after.filter((s) => !both.includes(s)).map((s) => s.name),
    cpuMsPerTxn: round(cpu / per, 2), persistsPerTxn: round(total("persists") / per, 2), relay: run.relay,
    participants: run.after.filter((s) => s.name !== "C").map((s) => ({
      node: s.name, behaviour: s.status?.["behaviour"] ?? "down", view: s.status?.["view"] ?? null,
      lastExecuted: s.status?.["lastExecuted"] ?? null,
      confirmations: s.status?.["confirmations"] ?? null,
      replicaDigest: String(s.status?.["replicaDigest"] ?? "").slice(0, 16),
    })),
    faulty: run.faulty.faulty.map(({ proof: _proof, ...entry }) => entry),
    faultySource: run.faulty.source === "coordinator" ? "at C, merged from every node; proofs re-checked by C"
      : `C did not answer: merged here from the participants, proofs re-checked here${
        run.faulty.unreachable.length > 0 ? `; unreachable: ${run.faulty.unreachable.join(", ")}` : ""}`,
    timeline: run.timeline,
    problems: [...run.check.problems, ...(run.workload.undecided.length === 0 ? [] : [
      `${run.workload.undecided.length} txns undecided ` +
        `${run.workload.stalled ? "when the cluster stalled (nothing decided for 30 s)" : "at the deadline"}`])],
  };
}

const prunedText = (pruned: ClusterSummary["txns"]["pruned"]): string =>
  pruned.length === 0 ? "none" : pruned.map((p) => `${p.node} ${p.pruned}`).join(", ");

export function renderText(s: ClusterSummary): string {
  const lines = [
    `run directory: ${s.dir}`,
    `message log:   ${s.messageLog}`,
    "",
    "participants (confirmations sent to C since the process started):",
    ...s.participants.map((p) => `  ${String(p.node).padEnd(4)} ${String(p.behaviour).padEnd(11)}` +
      ` view ${String(p.view).padEnd(4)} executed through seq ${String(p.lastExecuted).padEnd(6)}` +
      ` confirmations ${JSON.stringify(p.confirmations)} replica ${p.replicaDigest}`),
    "",
    `faulty list (${s.faultySource}):`,
    ...(s.faulty.length === 0 ? ["  (none)"] : s.faulty.map((e) =>
      `  ${e.node.padEnd(8)} ${e.grade.padEnd(9)} ${e.reason.padEnd(24)} ` +
      `x${e.count} by ${e.reportedBy.join(",")}: ${e.detail}`)),
    ...(s.timeline.length === 0 ? [] : ["", "faults:", ...s.timeline.map((t) => `  ${t}`)]),
    ...(s.relay === null ? [] : ["", `relay: ${s.relay.forwarded} frames forwarded, ${s.relay.dropped} dropped, `
      + `${s.relay.duplicated} duplicated, `
      + `${s.relay.partitioned} cut by a partition`]),
    "",
    `txns: ${s.txns.acknowledged} acknowledged (${s.txns.commit} commit, ${s.txns.abort} abort), ` +
      `${s.txns.undecided} undecided` +
      (s.txns.viaParticipants === 0 ? "" : `; ${s.txns.viaParticipants} of them read from f+1 participants' ` +
        "signed confirmations (C did not answer, or had no reply yet)") +
      (s.txns.expired === 0 ? "" : `; ${s.txns.expired} expired with no outcome proven (410)`),
    `pruned by expiry (acknowledged records restored for the check): ${prunedText(s.txns.pruned)}`,
    `throughput: ${s.txnPerSecond} txn/s over ${s.seconds} s`,
    `latency: p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms, max ${s.latencyMs.max} ms`,
    `messages per txn: ${s.messagesPerTxn}; peer bytes per txn: ${s.peerBytesPerTxn}; `
      + `CPU per txn: ${s.cpuMsPerTxn} ms (${s.unsampled.length === 0 ? "all node processes"
        : `without ${s.unsampled.join(", ")}, which did not answer`})`,
    "",
    s.ok ? "check: PASS: honest replicas agree, equal digests, every acknowledged outcome present (or pruned by "
      + "expiry past its seq), "
      + "each history matches a sequential replay"
      : `check: FAIL\n${s.problems.map((p) => `  ${p}`).join("\n")}`,
  ];
  return `${lines.join("\n")}\n`;
}
