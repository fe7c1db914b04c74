/**
 * A BFS level of worlds held as rows of interned ids (world-codec.ts,
 * frontier-queue.ts), not as worlds: the engine's Frontier for byzcommit. One
 * codec serves every level of a search, so equal parts keep one id throughout.
 */
import type { Frontier } from "../engine/bfs-expansion.js";
import { FrontierQueue } from "../engine/frontier-queue.js";
import type { WorldCodec } from "./world-codec.js";
import type { World } from "./world.js";

export class WorldFrontier implements Frontier<World> {
  private readonly queue = new FrontierQueue();

  constructor(private readonly codec: WorldCodec) {}

  push(world: World, index: number): void { this.codec.encode(world, index, this.queue); }

  pop(): { state: World; parent: number } | null {
    const row = this.codec.decode(this.queue);
    return row === null ? null : { state: row.world, parent: row.parent };
  }

  get length(): number { return this.queue.length; }
  get bytes(): number { return this.queue.bytes; }
}
