/**
 * Partial-order reduction (sleep-sets.ts) needs to name one action across many worlds: "deliver this envelope",
 * "Byzantine node b sends m to j". This file gives each node-local action a small integer id, stable for a run,
 * with the node it steps (its target) and what makes it depend on actions of other nodes.
 *
 * Node-local actions step exactly one honest node j and touch only j's own fields of the world (its state, timers,
 * persisted state) plus the shared in-flight multiset and knowledge set, which they only remove their own envelope
 * from or merge into. Two of them that step different nodes therefore commute (same world either order) and neither
 * disables the other, with two exceptions flagged here: timer firings share the timeout budget, and a composite
 * Byzantine move is built from the knowledge, which another node's step may grow into a different composite list
 * (adversary-composites.ts is not monotone: a "truncated" proof disappears once a real one is known).
 * Every other action (drop, duplicate, isolate, heal, crash, silence) changes shared budgets, links or every mail's
 * fate, so it gets no id: it is dependent with everything.
 */
import type { Message } from "../../spec/messages.js";
import type { Action } from "./actions.js";
import type { CheckContext } from "./context.js";

/** A firing: dependent with every other firing (one shared timeout budget). */
export const keyFires = 1;
/** A composite Byzantine move: dependent with any step that may grow the knowledge. */
export const keyComposite = 2;

export class ActionKeys {
  /** Per id: the node the action steps, and its dependency flags. */
  readonly targets: number[] = [];
  readonly flags: number[] = [];
  private readonly ids = new Map<string, number>();
  /** Identity ids for message objects: the alphabet's and the interned ones are one object per run. */
  private readonly objects = new WeakMap<object, number>();
  private objectCount = 0;
  private readonly fixed = new Set<Message>();
  private readonly delivers = new WeakMap<object, Int32Array>();
  private readonly sends = new WeakMap<object, Int32Array>();
  private readonly replays = new WeakMap<object, Int32Array>();
  private readonly nodeCount: number;
  private readonly slots: number;

  constructor(ctx: CheckContext) {
    this.nodeCount = ctx.config.n + 1;
    this.slots = this.nodeCount * this.nodeCount;
    for (const list of ctx.alphabet.values()) for (const m of list) this.fixed.add(m);
  }

  /** The id of `action`, or -1 when it is not node-local. */
  idOf(action: Action): number {
    switch (action.kind) {
      case "deliver": {
        const e = action.envelope;
        return this.cached(this.delivers, e, 0, () => this.id(`d${e.hi}:${e.lo}`, e.to, 0));
      }
      case "fire": return this.id(`f${action.node}:${action.timer}`, action.node, keyFires);
      case "byzantine": {
        const { from, to, message } = action;
        const flags = this.fixed.has(message) ? 0 : keyComposite;
        return this.cached(this.sends, message, this.slot(from, to),
          () => this.id(`b${from}:${to}:${this.object(message)}`, to, flags));
      }
      case "replay": {
        const { from, to, envelope: e } = action;
        const make = (): number => this.id(`r${from}:${to}:${e.hi}:${e.lo}`, to, 0);
        return this.cached(this.replays, e, this.slot(from, to), make);
      }
      case "forge": {
        const m = this.object(action.message);
        return this.id(`g${action.from}:${action.to}:${action.signer}:${m}`, action.to, 0);
      }
      case "equivocate": {
        const pair = `${this.object(action.first)}:${this.object(action.second)}`;
        return this.id(`e${action.from}:${action.to}:${pair}`, action.to, 0);
      }
      default: return -1;
    }
  }

  /** Ids by payload object and (from, to) slot: the payloads are one object per run far more often than not. */
  private cached(table: WeakMap<object, Int32Array>, payload: object, slot: number, make: () => number): number {
    let row = table.get(payload);
    if (row === undefined) { row = new Int32Array(this.slots).fill(-1); table.set(payload, row); }
    let id = row[slot] as number;
    if (id < 0) { id = make(); row[slot] = id; }
    return id;
  }

  private slot(from: number, to: number): number {
    return from * this.nodeCount + to;
  }

  /**
   * Whether `a` (a sleeping id) stays independent of the taken action `b`: different target nodes, not two firings,
   * and no composite move on either side of a step that may grow the knowledge. `bGrowsKnowledge`: `b` leaked mail
   * to a faulty node. Whether `a` would grow it is not recorded, so a taken composite `b` keeps nothing asleep.
   */
  independent(a: number, b: number, bGrowsKnowledge: boolean): boolean {
    if (this.targets[a] === this.targets[b]) return false;
    const fa = this.flags[a] as number;
    const fb = this.flags[b] as number;
    if (fa & keyFires && fb & keyFires) return false;
    if (fb & keyComposite) return false;
    return !(bGrowsKnowledge && fa & keyComposite);
  }

  private id(key: string, target: number, flags: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.targets.length;
      this.ids.set(key, id);
      this.targets.push(target);
      this.flags.push(flags);
    }
    return id;
  }

  private object(o: object): number {
    let id = this.objects.get(o);
    if (id === undefined) { id = this.objectCount++; this.objects.set(o, id); }
    return id;
  }
}
