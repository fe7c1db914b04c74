/**
 * A node's durable state in its LMDB store (durable-store.ts), written in
 * chunks (state-chunks.ts). Today the core persists its whole NodeState; once
 * it exports `durablePart`, that is what `save` should be given instead.
 */
import type { NodeId } from "../../spec/messages.js";
import type { NodeState } from "../core/types.js";
import { openDurableStore, type DurableStore } from "./durable-store.js";
import { ChunkedValue } from "./state-chunks.js";
import { migrateState, type StoredState } from "./state-migration.js";

export interface NodeStateStore {
  /** The state last saved by this node, or null on first start. */
  load(): NodeState | null;
  /** On return the state is on stable storage. */
  save(state: NodeState): void;
  /** `save` off the node's thread: resolves once the state is on stable storage; commits land in call order. */
  commit(state: NodeState): Promise<void>;
  /** Keys in the store (chunks, segments, layouts). */
  entries(): number;
  close(): Promise<void>;
}

export function openNodeStateStore(dir: string, id: NodeId): NodeStateStore {
  const store: DurableStore = openDurableStore(dir);
  const chunks = new ChunkedValue(store, "state");
  return {
    load: () => {
      const value = chunks.read();
      if (value === undefined) return null;
      // Our own disk, written only by `save`: a mismatch means the wrong data directory, a setup error.
      const record = value as Partial<NodeState>;
      if (record.id !== id || (record.role !== "participant" && record.role !== "coordinator")) {
        throw new Error(`${dir}: holds the state of node ${String(record.id)}, not ${id}`);
      }
      // Written by this runtime, perhaps an older version of it: fields added since get their defaults.
      return migrateState(value as StoredState);
    },
    save: (state) => chunks.write(state),
    commit: (state) => chunks.commit(state),
    entries: () => store.entries(),
    close: () => store.close(),
  };
}
