/**
 * A replayed trace as a sequence diagram, independent of how it is drawn
 * (render-mermaid.ts, render-html.ts): one lane per node, an arrow per message
 * that reached (or was lost on the way to) a node, and notes for faults, the
 * stepped node's decisions and evidence, divergences and the violation.
 * Messages are drawn when delivered, not when sent: delivery order is the
 * interleaving the checker chose, and what a reader needs to follow.
 */
import type { NodeId } from "../../spec/messages.js";
import type { ActionRecord } from "../../spec/trace.js";
import { clientId } from "../../spec/config.js";
import { actionNode } from "../model/action-class.js";
import { assertNever } from "../../impl/core/assert.js";
import { formatAction, formatMessage, nodeName } from "./action-format.js";
import { emittedLines } from "./output-format.js";
import type { ReplayedStep, ReplayReport } from "../trace/replay.js";
import { configLine, verdictLine } from "./replay-text.js";
import { asNodeId } from "../../spec/ids.js";

export interface Lane {
  readonly id: NodeId;
  readonly name: string;
  readonly faulty: boolean;
}

export type ArrowStyle = "deliver" | "byzantine" | "replay" | "drop" | "submit";
export type NoteStyle = "fault" | "decide" | "evidence" | "reply" | "skipped" | "divergence" | "violation";

export type SequenceEvent =
  | {
    readonly kind: "arrow"; readonly from: NodeId; readonly to: NodeId; readonly label: string;
    readonly style: ArrowStyle;
  }
  | { readonly kind: "note"; readonly over: readonly NodeId[]; readonly text: string; readonly style: NoteStyle };

export interface SequenceModel {
  readonly title: string;
  readonly subtitle: string;
  readonly lanes: readonly Lane[];
  readonly events: readonly SequenceEvent[];
  readonly verdict: string;
}

export function sequenceModel(report: ReplayReport, source: string): SequenceModel {
  const config = report.ctx.config;
  const n = config.n;
  const lanes = lanesOf(report);
  const all = lanes.map((l) => l.id);
  const events: SequenceEvent[] = [];
  if (config.coordinator === "honest") {
    for (const t of config.txns) {
      const label = `submit ${t.txn.id} (flag ${t.flag})`;
      events.push({ kind: "arrow", from: clientId(config.protocol), to: asNodeId(n), label, style: "submit" });
    }
  }
  if (report.violationStep === 0 && report.violation !== null) events.push(violationNote(report, all));
  for (const step of report.steps) {
    events.push(...stepEvents(step, n, all));
    if (report.firstDivergence?.step === step.number) {
      const text = `diverges at step ${step.number}: ${report.firstDivergence.detail}`;
      events.push({ kind: "note", over: all, text, style: "divergence" });
    }
    if (step.violation !== null) events.push(violationNote(report, all));
  }
  if (report.violation !== null && report.violationStep === null) events.push(violationNote(report, all));
  const recorded = report.trace.violation;
  return {
    title: `byzcommit trace: ${recorded === null ? "no violation recorded" : recorded.invariant}` +
      `${config.mutant === null ? "" : ` (mutant ${config.mutant})`}`,
    subtitle: `${source} · ${configLine(config)}`, lanes, events, verdict: verdictLine(report),
  };
}

function lanesOf(report: ReplayReport): Lane[] {
  const config = report.ctx.config;
  const n = config.n;
  const lanes: Lane[] = [];
  if (config.coordinator === "honest") lanes.push({ id: clientId(config.protocol), name: "client", faulty: false });
  lanes.push({ id: asNodeId(n), name: nodeName(asNodeId(n), n), faulty: config.coordinator !== "honest" });
  for (let id = 0; id < n; id++) {
    const node = asNodeId(id);
    lanes.push({ id: node, name: nodeName(node, n), faulty: config.byzantine.includes(node) });
  }
  return lanes;
}

function violationNote(report: ReplayReport, all: readonly NodeId[]): SequenceEvent {
  const v = report.violation;
  return { kind: "note", over: all, text: `VIOLATION of ${v?.invariant}: ${v?.message}`, style: "violation" };
}

function stepEvents(step: ReplayedStep, n: number, all: readonly NodeId[]): SequenceEvent[] {
  const k = step.number;
  if (!step.applied) {
    const text = `${k}. skipped, no longer enabled: ${formatAction(step.record, n)}`;
    return [{ kind: "note", over: involved(step.record, all), text, style: "skipped" }];
  }
  const events: SequenceEvent[] = [actionEvent(step.record, k, n, all)];
  if (step.emitted !== null) {
    for (const line of emittedLines(step.emitted, n)) {
      if (line.kind === "send") continue;
      events.push({ kind: "note", over: [step.emitted.node], text: line.text, style: line.kind });
    }
  }
  return events;
}

function actionEvent(a: ActionRecord, k: number, n: number, all: readonly NodeId[]): SequenceEvent {
  const arrow = (from: NodeId, to: NodeId, label: string, style: ArrowStyle): SequenceEvent =>
    ({ kind: "arrow", from, to, label, style });
  switch (a.kind) {
    case "deliver": return arrow(a.from, a.to, `${k}. ${formatMessage(a.message.body)}`, "deliver");
    case "drop": return arrow(a.from, a.to, `${k}. lost: ${formatMessage(a.message.body)}`, "drop");
    case "byzantine": return arrow(a.from, a.to, `${k}. byzantine ${formatMessage(a.body)}`, "byzantine");
    case "equivocate": {
      const label = `${k}. byzantine equivocates ${formatMessage(a.first)} / ${formatMessage(a.second)}`;
      return arrow(a.from, a.to, label, "byzantine");
    }
    case "forge":
      return arrow(a.from, a.to, `${k}. forges ${nodeName(a.signer, n)}'s ${formatMessage(a.body)}`, "byzantine");
    case "replay": {
      const label = `${k}. replays ${nodeName(a.message.signer, n)}'s ${formatMessage(a.message.body)}`;
      return arrow(a.from, a.to, label, "replay");
    }
    case "client": {
      const label = `${k}. submit ${a.request.body.id} (flag ${a.flag})`;
      return arrow(asNodeId(n + 1), asNodeId(n), label, "submit");
    }
    case "duplicate":
    case "fire":
    case "isolate":
    case "heal":
    case "silence":
    case "crash": return { kind: "note", over: involved(a, all), text: `${k}. ${formatAction(a, n)}`, style: "fault" };
    default: return assertNever(a);
  }
}

/** The lanes a note about `a` spans: both ends of a message, the node a fault targets, or every lane. */
function involved(a: ActionRecord, all: readonly NodeId[]): readonly NodeId[] {
  if ("from" in a) return [a.from, a.to];
  const node = actionNode(a);
  return node === null ? all : [node];
}
