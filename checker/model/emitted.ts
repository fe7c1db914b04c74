/**
 * What the node an action stepped emitted (sends, decisions, evidence, timers),
 * for replay's --verbose, the diagrams, the simulator's log and the scenario
 * driver: collected as the transition takes its steps (transition.ts's
 * StepObserver), so what is shown is what the successor was built from.
 */
import type { NodeId } from "../../spec/messages.js";
import type { Output } from "../../impl/core/types.js";
import type { StepObserver } from "./transition.js";

export interface Emitted {
  readonly node: NodeId;
  readonly out: readonly Output[];
}

/** An observer that keeps the outputs of one transition: an equivocation's two steps in order. */
export class Emission implements StepObserver {
  private node: NodeId | null = null;
  private out: Output[] = [];

  stepped(node: NodeId, out: readonly Output[]): void {
    this.node = node;
    this.out.push(...out);
  }

  /** The stepped node and its outputs, or null when the transition stepped no node. */
  get emitted(): Emitted | null {
    return this.node === null ? null : { node: this.node, out: this.out };
  }
}
