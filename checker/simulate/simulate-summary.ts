/**
 * A simulation's outcome as plain data, for the text report and --json alike:
 * (a) each participant's confirmation per txn and the coordinator's reply,
 * (c) the nodes identified as potentially faulty, with evidence grade and
 * reasons, and (d) the protocol messages each decided txn cost. The event log
 * (b) is the recorder's, as it is.
 */
import type { NodeId, Outcome } from "../../spec/messages.js";
import type { EvidenceGrade } from "../../impl/core/types.js";
import { nodeName } from "../render/action-format.js";
import { undecided } from "../model/liveness.js";
import type { Simulation } from "./simulate.js";
import { asNodeId } from "../../spec/ids.js";

export interface TxnConfirmations {
  readonly txn: string;
  /** The seq the honest participants executed it at (null while undecided). */
  readonly seq: number | null;
  /** Per participant: its outcome, "undecided", or "byzantine" (no state of its own to read). */
  readonly participants: readonly {
    readonly node: string;
    readonly confirmation: Outcome | "undecided" | "byzantine";
  }[];
  readonly reply: Outcome | null;
}

export interface FaultyNode {
  readonly node: string;
  /** Proven when some honest node holds transferable proof; else suspected. */
  readonly grade: EvidenceGrade;
  readonly reasons: readonly string[];
  readonly reportedBy: readonly string[];
  /** Ground truth the simulator knows and a real deployment would not: was it Byzantine? */
  readonly byzantine: boolean;
}

export interface SimulationSummary {
  readonly confirmations: readonly TxnConfirmations[];
  /** Txns some honest participant never decided, with who lacks them (liveness.ts). */
  readonly undecided: readonly { readonly txn: string; readonly missing: readonly string[] }[];
  readonly faulty: readonly FaultyNode[];
  readonly messagesPerTxn: readonly { readonly txn: string; readonly seq: number; readonly messages: number }[];
}

function confirmations(sim: Simulation): TxnConfirmations[] {
  const coordinator = sim.world.nodes[sim.ctx.coordinator];
  const replies = coordinator?.role === "coordinator" ? coordinator.replies : [];
  return sim.config.txns.map(({ txn }) => {
    let seq: number | null = null;
    const participants = Array.from({ length: sim.config.n }, (_, i) => {
      const id = asNodeId(i);
      const node = sim.world.nodes[id];
      if (sim.config.byzantine.includes(id) || node?.role !== "participant") {
        return { node: nodeName(id, sim.config.n), confirmation: "byzantine" as const };
      }
      const decided = node.replica.outcomes.find((o) => o.txn === txn.id);
      if (decided !== undefined) seq = decided.seq;
      return { node: nodeName(id, sim.config.n), confirmation: decided?.outcome ?? ("undecided" as const) };
    });
    return { txn: txn.id, seq, participants, reply: replies.find((r) => r.txn === txn.id)?.outcome ?? null };
  });
}

function faulty(sim: Simulation): FaultyNode[] {
  const byNode = new Map<NodeId, { grade: EvidenceGrade; reasons: string[]; by: Set<NodeId> }>();
  for (const { by, evidence } of sim.recorder.reports) {
    const entry = byNode.get(evidence.against)
      ?? { grade: "suspected" as EvidenceGrade, reasons: [], by: new Set<NodeId>() };
    if (evidence.grade === "proven") entry.grade = "proven";
    const reason = `${evidence.grade} ${evidence.reason}: ${evidence.detail}`;
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    entry.by.add(by);
    byNode.set(evidence.against, entry);
  }
  return [...byNode.entries()].sort(([a], [b]) => a - b).map(([id, e]) => ({
    node: nodeName(id, sim.config.n), grade: e.grade, reasons: e.reasons,
    reportedBy: [...e.by].sort((a, b) => a - b).map((b) => nodeName(b, sim.config.n)),
    byzantine: sim.config.byzantine.includes(id),
  }));
}

export function summarizeSimulation(sim: Simulation): SimulationSummary {
  const table = confirmations(sim);
  const messagesPerTxn = table.flatMap((t) =>
    (t.seq === null ? [] : [{ txn: t.txn, seq: t.seq, messages: sim.recorder.sentBySeq.get(t.seq) ?? 0 }]));
  const open = undecided(sim.world, sim.ctx)
    .map((u) => ({ txn: u.txn, missing: u.missing.map((id) => nodeName(asNodeId(id), sim.config.n)) }));
  return { confirmations: table, undecided: open, faulty: faulty(sim), messagesPerTxn };
}
