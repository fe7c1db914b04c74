/**
 * The replica split into chunks for state transfer (spec/transfer-messages.ts).
 *
 * Deterministic in the replica's content alone: entries in order, then
 * outcomes in order, a new chunk whenever the next element would take the
 * current one past `chunkBytesTarget`. So every honest participant at one
 * checkpoint makes the same chunks with the same digests, and a lagging one
 * can take each chunk from whichever of them answers. Concatenating the
 * chunks in order gives back the replica exactly.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../../spec/canonical.js";
import type { ReplicaData } from "../../spec/messages.js";
import type { ReplicaChunk } from "../../spec/transfer-messages.js";
import { asDigest, type Digest } from "../../spec/ids.js";

/** A quarter of the frame limit: a chunk plus its envelope always fits one frame unless one element alone is bigger. */
export const chunkBytesTarget = 256 * 1024;
/** Chunks per manifest: 512 MB of replica at the target size; the manifest's digests then take about 140 KB. */
export const chunksMax = 2048;

export function splitReplica(replica: ReplicaData, bytesTarget = chunkBytesTarget): ReplicaChunk[] {
  const chunks: ReplicaChunk[] = [];
  let entries: ReplicaData["entries"][number][] = [];
  let outcomes: ReplicaData["outcomes"][number][] = [];
  let bytes = 0;
  const room = (element: unknown): void => {
    const size = Buffer.byteLength(canonicalJson(element), "utf8") + 1;
    if (bytes > 0 && bytes + size > bytesTarget) {
      chunks.push({ entries, outcomes });
      entries = [];
      outcomes = [];
      bytes = 0;
    }
    bytes += size;
  };
  for (const entry of replica.entries) { room(entry); entries.push(entry); }
  for (const outcome of replica.outcomes) { room(outcome); outcomes.push(outcome); }
  if (bytes > 0 || chunks.length === 0) chunks.push({ entries, outcomes });
  return chunks;
}

export function chunkDigest(chunk: ReplicaChunk): Digest {
  return asDigest(createHash("sha256").update(canonicalJson(chunk)).digest("hex"));
}

export function chunkBytes(chunk: ReplicaChunk): number {
  return Buffer.byteLength(canonicalJson(chunk), "utf8");
}

export function joinChunks(chunks: readonly ReplicaChunk[]): ReplicaData {
  return { entries: chunks.flatMap((c) => c.entries), outcomes: chunks.flatMap((c) => c.outcomes) };
}
