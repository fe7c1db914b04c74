/**
 * One readable line per thing a node emitted in a step (what replay --verbose
 * prints and the diagrams annotate): sends grouped by message, decisions,
 * evidence, replies. Timer and persistence outputs are bookkeeping and left out.
 */
import type { Message } from "../../spec/messages.js";
import type { Output } from "../../impl/core/types.js";
import { assertNever } from "../../impl/core/assert.js";
import { formatMessage, nodeName } from "./action-format.js";
import type { Emitted } from "../model/emitted.js";

export type EmittedKind = "send" | "decide" | "evidence" | "reply";

export interface EmittedLine {
  readonly kind: EmittedKind;
  readonly text: string;
}

export function emittedLines(emitted: Emitted, n: number): EmittedLine[] {
  const who = nodeName(emitted.node, n);
  const lines: EmittedLine[] = [];
  const sends = new Map<Message, string[]>();
  for (const o of emitted.out) {
    if (o.kind === "Send") sends.set(o.message, [...(sends.get(o.message) ?? []), nodeName(o.to, n)]);
  }
  for (const [message, to] of sends) {
    lines.push({ kind: "send", text: `${who} sends ${formatMessage(message)} to ${to.join(",")}` });
  }
  for (const o of emitted.out) {
    const line = otherLine(o, who, n);
    if (line !== null) lines.push(line);
  }
  return lines;
}

function otherLine(o: Output, who: string, n: number): EmittedLine | null {
  switch (o.kind) {
    case "Decide":
      return {
        kind: "decide",
        text: o.txn === null
          ? `${who} executes s=${o.seq} as a no-op`
          : `${who} decides s=${o.seq} ${o.txn} ${o.outcome ?? "no-op"}`,
      };
    case "Report": {
      const { against, reason, grade, detail } = o.evidence;
      return { kind: "evidence", text: `${who} reports ${nodeName(against, n)}: ${reason} (${grade}): ${detail}` };
    }
    case "Reply": {
      const text = `${who} replies ${o.txn} ${o.outcome} to the client with ${o.confirmations.length} confirmations`;
      return { kind: "reply", text };
    }
    case "Send":
    case "ArmTimer":
    case "CancelTimer":
    case "Persist": return null;
    default: return assertNever(o);
  }
}
