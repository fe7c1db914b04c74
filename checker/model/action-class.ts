/**
 * What kind of move a trace step is, for shrinking and rendering. The shrinker
 * removes adversary moves first, because a counterexample that needs fewer
 * Byzantine moves and network faults says more about the protocol's rule.
 */
import type { NodeId } from "../../spec/messages.js";
import type { ActionRecord } from "../../spec/trace.js";
import { assertNever } from "../../impl/core/assert.js";

/** `byzantine`: a faulty node's own move; `fault`: the network's or a timer's; `step`: an ordinary delivery. */
export type ActionClass = "byzantine" | "fault" | "step";

export function actionClass(a: ActionRecord): ActionClass {
  switch (a.kind) {
    case "byzantine":
    case "equivocate":
    case "forge":
    case "replay": return "byzantine";
    case "drop":
    case "duplicate":
    case "fire":
    case "isolate":
    case "heal":
    case "silence":
    case "crash": return "fault";
    case "deliver":
    case "client": return "step";
    default: return assertNever(a);
  }
}

/** The node whose state the step changes (or that the fault targets); null for a whole-network move. */
export function actionNode(a: ActionRecord): NodeId | null {
  switch (a.kind) {
    case "deliver":
    case "drop":
    case "duplicate":
    case "byzantine":
    case "equivocate":
    case "forge":
    case "replay": return a.to;
    case "fire":
    case "isolate":
    case "crash": return a.node;
    case "heal":
    case "silence":
    case "client": return null;
    default: return assertNever(a);
  }
}

/** How often consecutive steps act on different nodes: what a reader of the diagram follows. */
export function nodeSwitches(records: readonly ActionRecord[]): number {
  let switches = 0;
  let last: NodeId | null = null;
  for (const r of records) {
    const node = actionNode(r);
    if (node === null) continue;
    if (last !== null && node !== last) switches++;
    last = node;
  }
  return switches;
}
