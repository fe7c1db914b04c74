/** The replica's chunks for state transfer: a bounded, deterministic split that joins back exactly. */
import assert from "node:assert/strict";
import { canonicalJson } from "../../../spec/canonical.js";
import type { ReplicaData } from "../../../spec/messages.js";
import { chunkDigest, joinChunks, splitReplica } from "../../../impl/net/replica-chunks.js";
import { asSeq } from "../../../spec/ids.js";

const pad = (i: number, width: number): string => String(i).padStart(width, "0");
const bigReplica: ReplicaData = {
  entries: Array.from({ length: 40 }, (_, i) => ({ key: `k${pad(i, 2)}`, value: "x".repeat(3_000), version: 1 })),
  outcomes: Array.from({ length: 300 }, (_, i) => ({ txn: `t${pad(i, 4)}`, outcome: "commit" as const, seq: asSeq(i +
            1) })),
};

describe("replica chunks", () => {
  it("joins back to the same replica", () => {
    const chunks = splitReplica(bigReplica, 16 * 1024);
    assert.ok(chunks.length > 5, `${chunks.length} chunks`);
    assert.deepEqual(joinChunks(chunks), bigReplica);
  });

  it("keeps each chunk near the target, one element over at most", () => {
    const target = 16 * 1024;
    for (const chunk of splitReplica(bigReplica, target)) assert.ok(canonicalJson(chunk).length <= target + 3_100);
  });

  it("depends only on content: equal replicas give equal digests", () => {
    const digests = (r: ReplicaData): string[] => splitReplica(r, 16 * 1024).map(chunkDigest);
    assert.deepEqual(digests(bigReplica), digests(structuredClone(bigReplica)));
  });

  it("gives the empty replica one empty chunk", () => {
    assert.deepEqual(splitReplica({ entries: [], outcomes: [] }), [{ entries: [], outcomes: [] }]);
  });
});
