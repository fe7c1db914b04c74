/**
 * Drives the pure core (impl/core/step.ts) with real inputs and performs the
 * outputs it describes. It knows nothing of the protocol beyond the Input and
 * Output unions, so new message kinds and timers (view change, checkpoints,
 * state transfer) pass through unchanged.
 *
 * Inputs queue up and are stepped in batches, one batch per event-loop turn
 * (group commit):
 * 1. every input of the batch is stepped in order; timers, decisions, replies
 *    and reports take effect at once, Sends are held;
 * 2. if any step asked to Persist, the state after the batch is handed to `save`
 *    once (a successor of every state that asked: safe to restore, since a restart
 *    from it is the same as a crash after the batch with its sends lost);
 * 3. only then are the held Sends given to `transmit`, which holds each until every
 *    state saved before it is durable (node.ts wires both through group-commit.ts),
 *    so every Send follows the Persist that precedes it in its step (the core's
 *    contract) without the node's thread waiting for the disk.
 */
import type { Message, NodeId } from "../../spec/messages.js";
import { assertNever } from "../core/assert.js";
import { step } from "../core/step.js";
import type { Env, Evidence, Input, NodeState, Output, TimerName } from "../core/types.js";
import { TimerTable } from "./timer-table.js";

/** Inputs stepped per event-loop turn: a bound on how long network reads and HTTP wait. */
export const batchInputsMax = 256;
/** Above this backlog the transport stops reading until the queue drains. */
export const backlogInputsMax = 4096;

export type Decided = Extract<Output, { kind: "Decide" }>;
export type Replied = Extract<Output, { kind: "Reply" }>;

/** Where the driver's effects go: the transport, the store, and the node's books. */
export interface DriverPorts {
  /** Sends once every state given to `save` before it is durable. */
  transmit(to: NodeId, message: Message): void;
  /** `state` must become durable before any later `transmit` leaves. */
  save(state: NodeState): void;
  decided(decision: Decided): void;
  replied(reply: Replied): void;
  reported(evidence: Evidence): void;
  /** The backlog drained: the transport may read again. */
  drained(): void;
}

export class NodeDriver {
  private queue: Input[] = [];
  private head = 0;
  private scheduled = false;
  private stopped = false;
  private readonly timers: TimerTable<TimerName>;

  constructor(
    private current: NodeState, private readonly env: Env, tickMs: number, private readonly ports: DriverPorts,
  ) {
    this.timers = new TimerTable<TimerName>(tickMs, (timer) => this.enqueue({ kind: "TimerFired", timer }));
  }

  get state(): NodeState {
    return this.current;
  }

  get backlog(): number {
    return this.queue.length - this.head;
  }

  /** Queues an input; false when the backlog is over its bound (the input is still queued). */
  enqueue(input: Input): boolean {
    if (this.stopped) return false;
    this.queue.push(input);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
    return this.backlog < backlogInputsMax;
  }

  /** Performs outputs produced outside `step`, e.g. by the core's `restart`. */
  perform(out: readonly Output[]): void {
    this.finish([...out], false);
  }

  stop(): void {
    this.stopped = true;
    this.timers.cancelAll();
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const held: Output[] = [];
    let persist = false;
    for (let stepped = 0; stepped < batchInputsMax && this.head < this.queue.length; stepped++) {
      const input = this.queue[this.head++] as Input;
      const result = step(this.current, input, this.env);
      this.current = result.state;
      for (const output of result.out) {
        if (output.kind === "Persist") persist = true;
        else if (output.kind === "Send") held.push(output);
        else this.apply(output);
      }
    }
    this.compact();
    this.finish(held, persist);
    if (this.head < this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    } else {
      this.ports.drained();
    }
  }

  private finish(out: Output[], persist: boolean): void {
    if (persist || out.some((o) => o.kind === "Persist")) this.ports.save(this.current);
    for (const output of out) {
      if (output.kind === "Send") this.ports.transmit(output.to, output.message);
      else if (output.kind !== "Persist") this.apply(output);
    }
  }

  private apply(output: Output): void {
    switch (output.kind) {
      case "Send":
      case "Persist": return; // ordered by `finish`
      case "ArmTimer": return this.timers.arm(output.timer, output.ticks);
      case "CancelTimer": return this.timers.cancel(output.timer);
      case "Decide": return this.ports.decided(output);
      case "Reply": return this.ports.replied(output);
      case "Report": return this.ports.reported(output.evidence);
      default: return assertNever(output);
    }
  }

  /** Drops consumed inputs when the queue empties or they are most of it, so it stays O(1) amortised. */
  private compact(): void {
    if (this.head === this.queue.length || (this.head > 1024 && this.head * 2 > this.queue.length)) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
