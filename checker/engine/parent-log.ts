/**
 * The BFS parent log: for state i (its insertion index in the visited set),
 * the index of the state it was first reached from and the index of the
 * action taken, so a counterexample is rebuilt by walking parents back to a
 * root and replaying the action indices forward.
 *
 * Storage is chunked: fixed 64K-entry Int32Array pages that are never copied.
 * A doubling array would cost up to 2x its live size plus a copy at each
 * growth; chunks cost 8 bytes a state plus at most one partly filled page.
 */
import { assert } from "./assert.js";

/** Parent index of an initial state, and the action index that "reached" it. */
export const rootParent = -1;
export const rootAction = -1;

const chunkBits = 16;
const chunkEntries = 1 << chunkBits;
const chunkMask = chunkEntries - 1;

export class ParentLog {
  /** Each chunk holds entry j's parent at 2j and its action at 2j + 1. */
  private readonly chunks: Int32Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.chunks.length * chunkEntries * 2 * Int32Array.BYTES_PER_ELEMENT;
  }

  /** Records the next state's parent and action; returns that state's index. */
  append(parentIndex: number, actionIndex: number): number {
    // A parent is always discovered before its child; the root has none.
    assert(parentIndex >= rootParent && parentIndex < this.count, "parent not yet logged");
    assert(Number.isInteger(actionIndex), "action index not an integer");
    assert(actionIndex >= rootAction && actionIndex <= 0x7fffffff, "action index outside int32");
    const index = this.count;
    const offset = (index & chunkMask) * 2;
    if (offset === 0) this.chunks.push(new Int32Array(chunkEntries * 2));
    const chunk = this.chunks[this.chunks.length - 1];
    assert(chunk !== undefined, "no chunk to append to");
    chunk[offset] = parentIndex;
    chunk[offset + 1] = actionIndex;
    this.count++;
    return index;
  }

  /** The state that index was first reached from, or rootParent. */
  parentOf(index: number): number {
    return this.chunk(index)[(index & chunkMask) * 2] ?? rootParent;
  }

  /** The action taken from parentOf(index) to reach index, or rootAction. */
  actionOf(index: number): number {
    return this.chunk(index)[(index & chunkMask) * 2 + 1] ?? rootAction;
  }

  /** The action indices from a root to index, in replay order. */
  pathTo(index: number): number[] {
    const actions: number[] = [];
    for (let at = index; this.parentOf(at) !== rootParent; at = this.parentOf(at)) actions.push(this.actionOf(at));
    return actions.reverse();
  }

  private chunk(index: number): Int32Array {
    assert(index >= 0 && index < this.count, "state index not in the parent log");
    const chunk = this.chunks[index >>> chunkBits];
    assert(chunk !== undefined, "parent log chunk missing");
    return chunk;
  }
}
