/**
 * The end-of-run check with records pruned by expiry (replica-check.ts `withPruned`): an acknowledged txn a
 * replica executed past the expiry of is restored from the client's placement, one it has not reached stays
 * missing, and the restored history replays against the sequential model to the replica's own data.
 */
import assert from "node:assert/strict";
import { withPruned, type ReplicaView } from "../../../../impl/net/cluster/replica-check.js";
import { judgeHistory } from "../../../../impl/net/cluster/sequential-model.js";
import type { Placement } from "../../../../impl/net/cluster/workload.js";
import { makeTxn } from "../../../../impl/net/cluster/workload.js";
import type { ClientTxn } from "../../../../impl/net/client.js";
import { asSeq } from "../../../../spec/ids.js";

describe("replica check: records pruned by expiry", () => {
  const txns = [0, 1, 2].map((i) => makeTxn(i));
  const submitted = new Map<string, ClientTxn>(txns.map((t) => [t.id, t]));
  const placed = (i: number, expires: number): Placement =>
    ({ txn: txns[i]?.id ?? "", outcome: "commit", seq: asSeq(i + 1), expires });
  const full = txns.map((t, i) => ({ txn: t.id, outcome: "commit" as const, seq: asSeq(i + 1) }));
  const entriesDigest = judgeHistory("P0", full, submitted).entriesDigest;
  const view = (outcomes: ReplicaView["outcomes"]): ReplicaView =>
    ({ node: "P0", lastExecuted: 3, replicaDigest: "r", outcomes, entriesDigest });

  it("restores what the replica pruned, and only that", () => {
    const placements = new Map([[txns[0]?.id ?? "", placed(0, 2)], [txns[1]?.id ?? "", placed(1, 9)]]);
    // t0 expired at seq 2 and the replica executed through 3: pruned. t1 expires at 9: absent means lost.
    const { view: restored, pruned } = withPruned(view(full.slice(2)), placements);
    assert.equal(pruned, 1);
    assert.deepEqual(restored.outcomes.map((o) => o.txn).sort(), [txns[0]?.id, txns[2]?.id].sort());
    assert.equal(withPruned(view(full), placements).pruned, 0, "nothing held is restored twice");
  });

  it("judges a restored history as the unpruned one, and a pruned one without restoring as broken", () => {
    const placements = new Map(txns.slice(0, 2).map((t, i) => [t.id, placed(i, 2)]));
    const restored = withPruned(view(full.slice(2)), placements).view;
    assert.equal(judgeHistory("P0", restored.outcomes, submitted).entriesDigest, entriesDigest);
    assert.notEqual(judgeHistory("P0", full.slice(2), submitted).entriesDigest, entriesDigest);
  });
});
