/**
 * What a simulation shows besides the final states: the log of every event
 * (deliveries, losses, duplicates, Byzantine sends, timers), the evidence the
 * honest nodes reported, and how many protocol messages each slot cost. Fed
 * one step at a time with what its stepped node emitted.
 */
import type { Message, NodeId } from "../../spec/messages.js";
import type { ActionRecord } from "../../spec/trace.js";
import type { Evidence } from "../../impl/core/types.js";
import { describeAction } from "../model/action-codec.js";
import { formatAction } from "../render/action-format.js";
import type { Action } from "../model/actions.js";
import type { CheckContext } from "../model/context.js";
import type { Emitted } from "../model/emitted.js";

export type SimulationPhase = "submit" | "faulty" | "healed";

export interface SimulationEvent {
  readonly step: number;
  readonly phase: SimulationPhase;
  readonly action: ActionRecord;
  /** The action as one readable line (action-format.ts). */
  readonly line: string;
}

export interface ReportedEvidence {
  readonly by: NodeId;
  readonly evidence: Evidence;
}

const seqOf = (m: Message): number | null => ("seq" in m ? m.seq : null);

export class SimulationRecorder {
  readonly events: SimulationEvent[] = [];
  readonly reports: ReportedEvidence[] = [];
  /** Protocol messages sent per seq, by honest nodes (any receiver) and by Byzantine nodes. */
  readonly sentBySeq = new Map<number, number>();

  constructor(private readonly ctx: CheckContext) {}

  /** Logs `action`, with what the stepped node emitted as the step took it (checked-step.ts: stepObserved). */
  record(action: Action, stepped: Emitted | null, phase: SimulationPhase): void {
    const record = describeAction(action);
    const line = formatAction(record, this.ctx.config.n);
    this.events.push({ step: this.events.length + 1, phase, action: record, line });
    if (action.kind === "byzantine") this.countSend(action.message);
    if (action.kind === "equivocate") { this.countSend(action.first); this.countSend(action.second); }
    if (action.kind === "replay") this.countSend(action.envelope.message.body);
    if (action.kind === "forge") this.countSend(action.message);
    if (stepped === null) return;
    for (const o of stepped.out) {
      if (o.kind === "Send") this.countSend(o.message);
      if (o.kind === "Report") this.reports.push({ by: stepped.node, evidence: o.evidence });
    }
  }

  private countSend(m: Message): void {
    const seq = seqOf(m);
    if (seq !== null) this.sentBySeq.set(seq, (this.sentBySeq.get(seq) ?? 0) + 1);
  }
}
