/**
 * execute (impl/core/replica.ts), the deterministic step every honest replica takes
 * per decided slot: commit iff the flag is commit and every read precondition holds,
 * writes bump versions, and a txn id that already executed is a no-op (I3: a txn is
 * executed at most once; its outcome is fixed by the first slot that carried it).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Outcome, ReplicaData, Txn } from "../../../spec/messages.js";
import {
  emptyReplica, execute, outcomeOf, pruneExpired, spent, versionOf,
} from "../../../impl/core/replica.js";
import { asSeq } from "../../../spec/ids.js";

const key = fc.constantFrom("a", "b", "c");
// Plain objects only (fc.record may build null-prototype objects).
const txnArb = (id: string): fc.Arbitrary<Txn> => fc.tuple(
  fc.array(fc.tuple(key, fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.array(fc.tuple(key, fc.nat({ max: 2 })), { maxLength: 2 }),
).map(([writes, reads]) => ({
  id,
  writes: writes.map(([k, value]) => ({ key: k, value })),
  reads: reads.map(([k, version]) => ({ key: k, version })),
}));
const flagArb: fc.Arbitrary<Outcome> = fc.constantFrom("commit", "abort");

/** A replica built by executing a few txns in order, as a participant would. */
const replicaArb: fc.Arbitrary<ReplicaData> = fc.array(fc.tuple(txnArb("x"), flagArb), { maxLength: 4 }).map((runs) =>
  runs.reduce((r, [t, flag], i) => execute(r, { ...t, id: `x${i}` }, flag, asSeq(i + 1)).replica, emptyReplica));

describe("execute (impl/core/replica.ts)", () => {
  it("commits iff the flag is commit and every read holds; a commit bumps each written key's version", () => {
    fc.assert(fc.property(replicaArb, txnArb("t"), flagArb, (replica, txn, flag) => {
      const holds = txn.reads.every((r) => versionOf(replica, r.key) === r.version);
      const result = execute(replica, txn, flag, asSeq(9));
      assert.equal(result.outcome, flag === "commit" && holds ? "commit" : "abort");
      assert.deepEqual(outcomeOf(result.replica, "t"), { txn: "t", outcome: result.outcome, seq: 9 });
      for (const k of ["a", "b", "c"]) {
        const bumps: number = result.outcome === "commit" ? txn.writes.filter((w) => w.key === k).length : 0;
        assert.equal(versionOf(result.replica, k), versionOf(replica, k) + bumps);
      }
    }));
  });

  it("is a no-op for a txn id that already executed, whatever its body or flag now", () => {
    fc.assert(fc.property(replicaArb, txnArb("t"), txnArb("t"), flagArb, flagArb, (replica, first, again, f1, f2) => {
      const once = execute(replica, first, f1, asSeq(5)).replica;
      const twice = execute(once, again, f2, asSeq(6));
      assert.equal(twice.outcome, null);
      assert.equal(twice.replica, once);
    }));
  });

  it("is deterministic and leaves its input replica untouched", () => {
    fc.assert(fc.property(replicaArb, txnArb("t"), flagArb, (replica, txn, flag) => {
      const before = structuredClone(replica);
      assert.deepEqual(execute(replica, txn, flag, asSeq(3)), execute(replica, txn, flag, asSeq(3)));
      assert.deepEqual(replica, before);
    }));
  });

  it("executes a txn with an expiry only in a slot at or below it; past it, a no-op with nothing recorded", () => {
    const expiry = fc.integer({ min: 1, max: 9 });
    fc.assert(fc.property(replicaArb, txnArb("t"), flagArb, expiry, (replica, body, flag, e) => {
      const txn = { ...body, expires: e };
      const inTime = execute(replica, txn, flag, asSeq(e));
      assert.notEqual(inTime.outcome, null);
      assert.equal(outcomeOf(inTime.replica, "t")?.expires, e, "the record carries the expiry, for pruning");
      const late = execute(replica, txn, flag, asSeq(e + 1));
      assert.equal(late.outcome, null);
      assert.equal(late.replica, replica);
    }));
  });

  it("at-most-once after pruning: a pruned txn is a no-op in every later slot, so the data never changes twice", () => {
    fc.assert(fc.property(replicaArb, txnArb("t"), fc.integer({ min: 5, max: 9 }), fc.nat({ max: 4 }),
      (replica, body, e, past) => {
        const txn = { ...body, expires: e };
        const ran = execute(replica, txn, "commit", asSeq(5)).replica;
        const checkpoint = asSeq(e + past);
        const pruned = pruneExpired(ran, checkpoint);
        assert.equal(outcomeOf(pruned, "t"), undefined, "pruned at a checkpoint at or past its expiry");
        assert.equal(pruned.entries, ran.entries, "pruning touches the outcome table only");
        assert.ok(spent(pruned, txn, checkpoint), "nothing waits on it");
        const again = execute(pruned, txn, "commit", asSeq(checkpoint + 1));
        assert.equal(again.outcome, null);
        assert.equal(again.replica, pruned);
      }));
  });

  it("prunes only records expiring at or below the checkpoint, and keeps the same replica when none does", () => {
    const a = execute(emptyReplica, { id: "a", writes: [], reads: [], expires: 3 }, "commit", asSeq(1)).replica;
    const ab = execute(a, { id: "b", writes: [], reads: [], expires: 4 }, "commit", asSeq(2)).replica;
    const abc = execute(ab, { id: "c", writes: [], reads: [] }, "abort", asSeq(3)).replica;
    assert.deepEqual(pruneExpired(abc, asSeq(3)).outcomes.map((o) => o.txn), ["b", "c"]);
    assert.deepEqual(pruneExpired(abc, asSeq(9)).outcomes.map((o) => o.txn), ["c"], "no expiry: kept for ever");
    assert.equal(pruneExpired(abc, asSeq(2)), abc);
    assert.equal(spent(abc, { id: "d", writes: [], reads: [], expires: 3 }, asSeq(3)), true);
    assert.equal(spent(abc, { id: "d", writes: [], reads: [], expires: 4 }, asSeq(3)), false);
  });

  it("keeps the outcome table sorted by txn id and finds every record in it, whatever the arrival order", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat({ max: 500 }), { maxLength: 60 }), (ids) => {
      const txn = (n: number): Txn => ({ id: `t${n}`, writes: [], reads: [] });
      const replica = ids.reduce((r, n, i) => execute(r, txn(n), "commit", asSeq(i + 1)).replica, emptyReplica);
      const table = replica.outcomes.map((o) => o.txn);
      assert.deepEqual(table, ids.map((n) => `t${n}`).sort());
      for (const n of ids) assert.equal(outcomeOf(replica, `t${n}`)?.txn, `t${n}`);
      for (const absent of ["t", "t501", "s0", "u0"]) assert.equal(outcomeOf(replica, absent), undefined);
    }));
  });
});
