/**
 * The states BFS has discovered: the visited set of fingerprints and, in
 * lockstep, the parent log. Keeping both behind one add() is what guarantees
 * that the set's insertion index and the log's entry index name the same state.
 *
 * Memory per state: 10.7 to 16 bytes of table (see visited-set.ts) plus
 * 8 bytes of parent log, so about 19 to 24 bytes all in.
 */
import { assert } from "./assert.js";
import { ParentLog, rootAction, rootParent } from "./parent-log.js";
import { VisitedSet, type VisitedSetOptions } from "./visited-set.js";

export class StateStore {
  private readonly visited: VisitedSet;
  private readonly parents = new ParentLog();

  constructor(options: VisitedSetOptions = {}) {
    this.visited = new VisitedSet(options);
  }

  get size(): number {
    return this.visited.size;
  }

  /** Table plus parent log. A rehash briefly adds half the table again. */
  get bytes(): number {
    return this.visited.bytes + this.parents.bytes;
  }

  /** Adds an initial state; returns its index, or -1 when already known. */
  addRoot(hi: number, lo: number): number {
    return this.add(hi, lo, rootParent, rootAction);
  }

  /**
   * Adds a state reached from parentIndex by action actionIndex; returns its
   * index, or -1 when already known (the first path found is kept, which
   * in BFS is a shortest one). Throws VisitedSetFull at the memory bound.
   */
  add(hi: number, lo: number, parentIndex: number, actionIndex: number): number {
    const index = this.visited.addIndexed(hi, lo);
    if (index < 0) return index;
    const logged = this.parents.append(parentIndex, actionIndex);
    assert(logged === index, "parent log out of step with the visited set");
    return index;
  }

  has(hi: number, lo: number): boolean {
    return this.visited.has(hi, lo);
  }

  parentOf(index: number): number {
    return this.parents.parentOf(index);
  }

  actionOf(index: number): number {
    return this.parents.actionOf(index);
  }

  /** The action indices from a root to index, in replay order. */
  pathTo(index: number): number[] {
    return this.parents.pathTo(index);
  }
}
