/**
 * The cross-check of dead-message collection (`--check-dead-mail`): the search keeps
 * dead mail in flight and, from every state it expands, tests the two facts the
 * collection rests on, by induction over every explored transition:
 * 1. delivering an envelope the collector calls dead is a self-loop: the target's
 *    state is unchanged (as a value) and the core emits nothing;
 * 2. an envelope dead before a transition is still dead after it, while in flight
 *    (so it is ignored in every later state too, crash-restarts included).
 * A failure is reported as the transition-level violation "dead-mail", with the
 * path to it, like any other counterexample.
 */
import { step } from "../../impl/core/step.js";
import type { NodeState } from "../../impl/core/types.js";
import type { Action } from "./actions.js";
import { apply } from "./apply.js";
import type { CheckContext } from "./context.js";
import type { DeadMailCollector } from "./dead-mail.js";
import { sameData } from "./same-data.js";
import type { TransitionViolation } from "./transition-checks.js";
import { sameEnvelope, type Envelope, type World } from "./world.js";

export const deadMailInvariant = "dead-mail";

export class DeadMailCrossCheck {
  private dead: Envelope[] = [];
  /** Envelopes judged dead and then delivered or carried through a transition: what the check covered. */
  deliveriesChecked = 0;
  carriedChecked = 0;

  constructor(private readonly ctx: CheckContext, private readonly collector: DeadMailCollector) {}

  /** The parent whose actions come next: its dead mail is judged once. */
  setParent(world: World): void {
    this.dead = world.inFlight.filter((e, i) =>
      (i === 0 || !sameEnvelope(e, world.inFlight[i - 1] as Envelope)) && this.collector.isDead(world, e));
  }

  /** The violation `action` out of `world` shows, or null. */
  check(world: World, action: Action): TransitionViolation | null {
    if (this.dead.length === 0) return null;
    if (action.kind === "deliver" && this.dead.some((e) => sameEnvelope(e, action.envelope))) {
      const problem = this.deliveryProblem(world, action.envelope);
      if (problem !== null) return { invariant: deadMailInvariant, message: problem };
    }
    const after = apply(world, action, this.ctx).world;
    for (const e of this.dead) {
      if (!after.inFlight.some((x) => sameEnvelope(x, e))) continue;
      this.carriedChecked++;
      if (!this.collector.isDead(after, e)) {
        const message = `${describe(e)} was dead before this step and is live after it`;
        return { invariant: deadMailInvariant, message };
      }
    }
    return null;
  }

  private deliveryProblem(world: World, e: Envelope): string | null {
    this.deliveriesChecked++;
    if (world.silenced && e.to === this.ctx.coordinator) return null; // never delivered: nothing to compare
    const before = world.nodes[e.to] as NodeState;
    const result = step(before, { kind: "Delivered", from: e.from, message: e.message }, this.ctx.env);
    if (result.out.length > 0) {
      return `${describe(e)} was judged dead, but delivering it emits ${result.out.map((o) => o.kind).join(", ")}`;
    }
    if (result.state !== before && !sameData(result.state, before)) {
      return `${describe(e)} was judged dead, but delivering it changes the target's state`;
    }
    return null;
  }
}

const describe = (e: Envelope): string =>
  `${e.message.body.kind} from ${e.from} (signer ${e.message.signer}) to ${e.to}`;
