/**
 * The incremental replica digest: the same value however the replica was reached
 * (step by step through the core's `execute`, or decoded fresh from the wire), a
 * different value for different content, and no canonical value for arrays the
 * core would never build (unsorted, duplicated: what a Byzantine replier might send).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ReplicaData, Txn } from "../../../spec/messages.js";
import { emptyReplica, execute } from "../../../impl/core/replica.js";
import { ReplicaDigester } from "../../../impl/net/replica-digest.js";
import { asSeq } from "../../../spec/ids.js";

const txnArbitrary = fc.record({
  key: fc.constantFrom("a", "b", "c", "d", "e"), value: fc.string({ maxLength: 4 }),
  id: fc.constantFrom("t1", "t2", "t3", "t4", "t5", "t6"),
});

function run(steps: readonly { key: string; value: string; id: string }[]): ReplicaData[] {
  const replicas = [emptyReplica];
  steps.forEach((s, i) => {
    const txn: Txn = { id: s.id, writes: [{ key: s.key, value: s.value }], reads: [] };
    replicas.push(execute(replicas[replicas.length - 1] as ReplicaData, txn, "commit", asSeq(i + 1)).replica);
  });
  return replicas;
}

const fresh = (replica: ReplicaData): string => new ReplicaDigester().digest(structuredClone(replica));

describe("replica digest", () => {
  it("updated txn by txn equals the digest of a fresh copy", () => {
    fc.assert(fc.property(fc.array(txnArbitrary, { maxLength: 12 }), (steps) => {
      const digester = new ReplicaDigester();
      for (const replica of run(steps)) assert.equal(digester.digest(replica), fresh(replica));
    }));
  });

  it("differs when the content differs", () => {
    const [, one, two] = run([{ key: "a", value: "x", id: "t1" }, { key: "a", value: "y", id: "t2" }]);
    const digests = new Set([emptyReplica, one, two].map((r) => fresh(r as ReplicaData)));
    assert.equal(digests.size, 3);
  });

  it("gives arrays out of canonical order a value no canonical replica has", () => {
    const replica = run([{ key: "b", value: "x", id: "t1" }, { key: "a", value: "y", id: "t2" }]).at(-1) as ReplicaData;
    const reversed = { entries: [...replica.entries].reverse(), outcomes: replica.outcomes };
    const duplicated = { entries: [...replica.entries, ...replica.entries], outcomes: replica.outcomes };
    const digester = new ReplicaDigester();
    const canonical = digester.digest(replica);
    assert.notEqual(digester.digest(reversed), canonical);
    assert.notEqual(digester.digest(duplicated), canonical);
    assert.equal(digester.digest(structuredClone(replica)), canonical); // and the base is still the canonical one
  });

  it("is 64 hex digits, like every digest", () => {
    assert.match(fresh(emptyReplica), /^[0-9a-f]{64}$/);
  });
});
