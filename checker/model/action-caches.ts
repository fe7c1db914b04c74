/**
 * The action enumeration's memo tables (actions.ts), owned by one run's context
 * (context.ts) and never shared across runs: a module-level cache would outlive
 * its run and tie one run's results to what an earlier one met.
 */
import type { Message, NodeId } from "../../spec/messages.js";
import type { Envelope } from "./world.js";

/** Per faulty node, the composite messages it can build from what it knows. */
export type Composites = ReadonlyMap<NodeId, readonly Message[]>;

export class ActionCaches {
  /** Per list of moves and target: the moves that go to it (actions.ts: routed), computed once per list. */
  readonly routes = new WeakMap<readonly unknown[], Map<NodeId, readonly unknown[]>>();
  /** Composites per knowledge array (shared by a world and its successors until a faulty node learns more). */
  readonly compositesByArray = new WeakMap<readonly Envelope[], Composites>();
  /** Composites per knowledge content: equal knowledge reached along different paths is built once. */
  readonly compositesByKey = new Map<string, Composites>();
}
