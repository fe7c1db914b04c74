/**
 * Actions as plain data for trace files. A trace names each action by what it
 * does (who delivers which signed message to whom), not by its index, so a trace
 * still replays after the enumeration order changes, and a person can read it.
 */
import { canonicalJson } from "../../spec/canonical.js";
import type { ActionRecord } from "../../spec/trace.js";
import { assertNever } from "../../impl/core/assert.js";
import { forEachAction, type Action } from "./actions.js";
import { complaintActions } from "./adversary-complain.js";
import type { CheckContext } from "./context.js";
import type { World } from "./world.js";

export function describeAction(action: Action): ActionRecord {
  switch (action.kind) {
    case "deliver":
    case "drop":
    case "duplicate":
      return {
        kind: action.kind, from: action.envelope.from, to: action.envelope.to, message: action.envelope.message,
      };
    case "fire": return { kind: "fire", node: action.node, timer: action.timer };
    case "isolate":
    case "crash": return { kind: action.kind, node: action.node };
    case "heal":
    case "silence": return { kind: action.kind };
    case "byzantine": return { kind: "byzantine", from: action.from, to: action.to, body: action.message };
    case "equivocate":
      return { kind: "equivocate", from: action.from, to: action.to, first: action.first, second: action.second };
    case "replay": return { kind: "replay", from: action.from, to: action.to, message: action.envelope.message };
    case "forge":
      return { kind: "forge", from: action.from, to: action.to, signer: action.signer, body: action.message };
    case "client": return { kind: "client", request: action.request, flag: action.flag,
      ...(action.hold === true ? { hold: true as const } : {}) };
    default: return assertNever(action);
  }
}

/**
 * The enabled action that `record` describes, with its index, or null when none is enabled.
 * A complaint of the healed phase (adversary-complain.ts) for a view beyond the fixed
 * alphabet's is enabled where the healed phase could send it; it gets the index after the rest.
 */
export function matchAction(
  world: World, ctx: CheckContext, record: ActionRecord,
): { action: Action; index: number } | null {
  const found = matchEnumerated(world, ctx, record, false);
  if (found !== null) return found;
  // A Byzantine move the enumeration leaves out as a self-loop here (adversary-effective.ts) is still one the
  // adversary may make: a trace recorded with another core takes it, and the world stays as it was.
  if (record.kind === "byzantine" || record.kind === "forge" || record.kind === "equivocate") {
    const loose = matchEnumerated(world, ctx, record, true);
    if (loose !== null) return { action: loose.action, index: enabledCount(world, ctx) };
  }
  if (record.kind !== "byzantine" || record.body.kind !== "ViewChange") return null;
  const wanted = canonicalJson(record);
  const action = complaintActions(world, ctx).find((a) => canonicalJson(describeAction(a)) === wanted);
  return action === undefined ? null : { action, index: enabledCount(world, ctx) };
}

function enabledCount(world: World, ctx: CheckContext): number {
  let count = 0;
  forEachAction(world, ctx, () => { count++; });
  return count;
}

function matchEnumerated(world: World, ctx: CheckContext, record: ActionRecord,
  selfLoops: boolean): { action: Action; index: number } | null {
  const wanted = canonicalJson(record);
  let index = -1;
  let found: { action: Action; index: number } | null = null;
  const where = endpoints(record);
  forEachAction(world, ctx, (action) => {
    index++;
    if (action.kind !== record.kind) return true;
    const described = describeAction(action);
    // Endpoints first: comparing a few numbers spares encoding every enabled message (the shrinker replays a lot).
    if (endpoints(described) !== where || canonicalJson(described) !== wanted) return true;
    found = { action, index };
    return false;
  }, selfLoops);
  return found;
}

/** Who and what a record acts on, without its message: equal for equal records, cheap to compare. */
function endpoints(r: ActionRecord): string {
  const from = "from" in r ? r.from : "";
  const to = "to" in r ? r.to : "";
  return `${from}>${to}@${"node" in r ? r.node : ""}:${"timer" in r ? r.timer : ""}`;
}
