/**
 * The action enumeration's memo tables (actions.ts), owned by one run's context
 * (context.ts) and never shared across runs: a module-level cache would outlive
 * its run and tie one run's results to what an earlier one met. The one table the
 * runs of a context share is the composites per knowledge content (`CompositeTable`).
 */
import type { Message, NodeId } from "../../spec/messages.js";
import type { Envelope } from "./world.js";

/** Per faulty node, the composite messages it can build from what it knows. */
export type Composites = ReadonlyMap<NodeId, readonly Message[]>;

/**
 * Bound on the messages the composite table holds (with corruptions a knowledge set gives hundreds); past it the
 * table starts afresh, which only loses sharing.
 */
const tableMessagesMax = 1 << 20;

/**
 * Composites per knowledge content, shared by the runs of one context (random mode gives each run fresh tables,
 * and rebuilding the corruptions of the same knowledge in every run was a quarter of its time). Sound to share:
 * the composites are a function of the config (fixed for a context) and the knowledge's content (the key: the
 * envelopes' fingerprints, as within a run), built from values and never mutated. A run handed a list another
 * run built gets equal values; they nest the signed messages of the run that built them, and every use of a
 * message is by value (the core; hashing, interning and the step memo's hash-consing compare structure), so
 * nothing a run computes depends on which run built the list.
 */
export class CompositeTable {
  private readonly byKey = new Map<string, Composites>();
  private held = 0;

  get(key: string): Composites | undefined {
    return this.byKey.get(key);
  }

  set(key: string, composites: Composites): void {
    let size = 0;
    for (const list of composites.values()) size += list.length;
    if (this.held + size > tableMessagesMax) { this.byKey.clear(); this.held = 0; }
    this.byKey.set(key, composites);
    this.held += size;
  }
}

export class ActionCaches {
  /** Per list of moves and target: the moves that go to it (actions.ts: routed), computed once per list. */
  readonly routes = new WeakMap<readonly unknown[], Map<NodeId, readonly unknown[]>>();
  /** Composites per knowledge array (shared by a world and its successors until a faulty node learns more). */
  readonly compositesByArray = new WeakMap<readonly Envelope[], Composites>();

  /** `compositesByKey`: equal knowledge reached along different paths, or in other runs, is built once. */
  constructor(readonly compositesByKey: CompositeTable = new CompositeTable()) {}
}
