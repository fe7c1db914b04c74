/**
 * Worlds as rows of small integers, for the compact BFS frontier (frontier-queue.ts).
 *
 * A world is mostly pointers to shared values: node states are hash-consed by the
 * step memo, envelopes are built once per memoized step, and the Byzantine
 * knowledge list takes few distinct values. So a row stores ids into intern tables
 * kept here, and decoding puts the very same objects back: the decoded world is
 * equal in value to the encoded one (arrays are fresh, their elements identical),
 * which is all the explorer reads. Row layout, every value a varint:
 *
 *   parent index | node ids (n+1) | timer masks (n+1) | [persisted ids + 1, 0 for none (n+1)]
 *   | budgets id | (isolated + 1) * 2 + silenced | in-flight count | envelope ids... | knowledge id
 *
 * Persisted states are stored only when crashes can happen (ctx.tracksPersistence), as
 * the world keeps them only then. Tables only grow; they hold objects the step memo
 * holds anyway, plus one array per distinct knowledge set.
 */
import type { NodeState } from "../../impl/core/types.js";
import type { Budgets } from "./check-config.js";
import type { CheckContext } from "./context.js";
import type { FrontierQueue } from "../engine/frontier-queue.js";
import type { Envelope, World } from "./world.js";

/** An intern table: object -> small id, id -> object. Identity-keyed, so it never merges two distinct values. */
class Intern<T> {
  readonly byId: T[] = [];
  private readonly ids = new Map<T, number>();

  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.byId.length;
      this.byId.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

export interface DecodedRow {
  world: World;
  parent: number;
}

export class WorldCodec {
  private readonly count: number;
  private readonly nodes = new Intern<NodeState>();
  private readonly envelopes = new Intern<Envelope>();
  /** Budgets and knowledge lists are keyed by value, so equal ones share one id (and one decoded object). */
  private readonly budgetIds = new Map<string, number>();
  private readonly budgets: Budgets[] = [];
  private readonly knowledgeIds = new Map<string, number>();
  private readonly knowledge: (readonly Envelope[])[] = [];
  /**
   * The same ids by identity first: a world shares its budgets object and knowledge array with its parent until a
   * fault action or a leak to a faulty node, and decoding hands back the interned ones, so almost every encode
   * finds them here without building a string key (a value-keyed id is still the one answer for equal values).
   */
  private readonly budgetIdByObject = new WeakMap<Budgets, number>();
  private readonly knowledgeIdByArray = new WeakMap<readonly Envelope[], number>();

  constructor(private readonly ctx: CheckContext) {
    this.count = ctx.config.n + 1;
  }

  /** Distinct node states, envelopes and knowledge lists held: the codec's own memory grows with these. */
  get tableSizes(): { nodes: number; envelopes: number; knowledge: number } {
    return { nodes: this.nodes.byId.length, envelopes: this.envelopes.byId.length, knowledge: this.knowledge.length };
  }

  encode(world: World, parent: number, queue: FrontierQueue): void {
    const count = this.count;
    const persisted = this.ctx.tracksPersistence;
    queue.beginRow(5 + count * (persisted ? 3 : 2) + world.inFlight.length);
    queue.put(parent);
    for (let i = 0; i < count; i++) queue.put(this.nodes.id(world.nodes[i] as NodeState));
    for (let i = 0; i < count; i++) queue.put(world.timers[i] ?? 0);
    if (persisted) {
      for (let i = 0; i < count; i++) {
        const p = world.persisted[i] ?? null;
        queue.put(p === null ? 0 : this.nodes.id(p) + 1);
      }
    }
    queue.put(this.budgetId(world.used));
    queue.put((world.isolated + 1) * 2 + (world.silenced ? 1 : 0));
    queue.put(world.inFlight.length);
    for (const e of world.inFlight) queue.put(this.envelopes.id(e));
    queue.put(this.knowledgeId(world.knowledge));
  }

  /** Reads the queue's next row into a world; null when the queue is empty. */
  decode(queue: FrontierQueue): DecodedRow | null {
    if (!queue.nextRow()) return null;
    const count = this.count;
    const parent = queue.take();
    const nodes = new Array<NodeState>(count);
    for (let i = 0; i < count; i++) nodes[i] = this.nodes.byId[queue.take()] as NodeState;
    const timers = new Array<number>(count);
    for (let i = 0; i < count; i++) timers[i] = queue.take();
    const persisted = new Array<NodeState | null>(count).fill(null);
    if (this.ctx.tracksPersistence) {
      for (let i = 0; i < count; i++) {
        const id = queue.take();
        persisted[i] = id === 0 ? null : this.nodes.byId[id - 1] as NodeState;
      }
    }
    const used = this.budgets[queue.take()] as Budgets;
    const place = queue.take();
    const inFlight = new Array<Envelope>(queue.take());
    for (let i = 0; i < inFlight.length; i++) inFlight[i] = this.envelopes.byId[queue.take()] as Envelope;
    const knowledge = this.knowledge[queue.take()] as readonly Envelope[];
    // The same property order as world.ts's withWorld, so the explorer's loads stay monomorphic.
    const world: World = {
      nodes, inFlight, timers, used, isolated: Math.floor(place / 2) - 1, knowledge, persisted,
      silenced: place % 2 === 1,
    };
    return { world, parent };
  }

  private budgetId(used: Budgets): number {
    const known = this.budgetIdByObject.get(used);
    if (known !== undefined) return known;
    const key = `${used.loss},${used.dup},${used.partitions},${used.crashes},${used.timeouts},${used.submits ?? 0}`;
    let id = this.budgetIds.get(key);
    if (id === undefined) {
      id = this.budgets.length;
      this.budgets.push(used);
      this.budgetIds.set(key, id);
    }
    this.budgetIdByObject.set(used, id);
    return id;
  }

  private knowledgeId(list: readonly Envelope[]): number {
    const known = this.knowledgeIdByArray.get(list);
    if (known !== undefined) return known;
    const id = this.knowledgeIdByValue(list);
    this.knowledgeIdByArray.set(list, id);
    return id;
  }

  private knowledgeIdByValue(list: readonly Envelope[]): number {
    let key = "";
    for (const e of list) key += `${this.envelopes.id(e)},`;
    let id = this.knowledgeIds.get(key);
    if (id === undefined) {
      id = this.knowledge.length;
      this.knowledge.push(list);
      this.knowledgeIds.set(key, id);
    }
    return id;
  }
}
