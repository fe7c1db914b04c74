/**
 * A NEW-VIEW's orphans in batches (impl/core/new-view.ts, `orphanBatches`): the pending requests its
 * VIEW-CHANGEs carry that no certificate does go, flagged abort and in txn id order, up to `batchSize` per
 * PRE-PREPARE; the spec's independent rule 4 (spec/invariants/justify-view-rules.ts) derives the same, so
 * every receiver accepts what an honest leader builds; and an honest run decides and replies every orphan.
 */
import assert from "node:assert/strict";
import type { PrePrepare, Signed, Txn, ViewChange } from "../../../spec/messages.js";
import { batchOf, batchTxnIds } from "../../../spec/batch.js";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import { derivedPrePrepares } from "../../../spec/invariants/justify-view-rules.js";
import { makeJudge } from "../../../checker/model/justify-judge.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { prePrepareConsistent } from "../../../impl/core/digests.js";
import { buildNewView, newViewPrePrepares, newViewProblem } from "../../../impl/core/new-view.js";
import { batchProblem } from "../../../impl/core/pre-prepare-check.js";
import type { CoordinatorState } from "../../../impl/core/coordinator-state.js";
import { initialParticipant, type ParticipantState } from "../../../impl/core/participant-state.js";
import { proposeOrphans } from "../../../impl/core/participant-lead.js";
import type { Env } from "../../../impl/core/types.js";
import { ScenarioFacade } from "../../support/scenario-facade.js";
import { safetyViolations } from "../../support/scenario-checks.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const envOf = (batchSize: number, windowSize = 4): Env => ({
  config: makeProtocolConfig(4, 1, { batchSize, windowSize, checkpointInterval: 1 }),
  verify: verifySymbolic, digest: digestSymbolic,
});
const txns: Txn[] = ["t1", "t2", "t3", "t4", "t5"]
  .map((id) => ({ id, writes: [{ key: id, value: "1" }], reads: [] }));
const requests = (env: Env): Signed<Txn>[] => txns.map((t) => signAs(clientId(env.config), t));

/** Q VIEW-CHANGEs for view 1 with no checkpoint and no certificate, each carrying t1-t5 pending. */
function viewChanges(env: Env): Signed<ViewChange>[] {
  const pending = requests(env);
  return [1, 2, 3].map((signer) => signAs(asNodeId(signer), {
    kind: "ViewChange" as const, view: asView(1), stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending,
  }));
}

const shape = (pps: readonly PrePrepare[]): string[][] => pps.map((pp) => batchTxnIds(pp));

describe("a NEW-VIEW's orphans in batches (impl/core/new-view.ts)", () => {
  it("cuts the orphans, in txn id order and flagged abort, into batches of the batch size, the last partial", () => {
    const env = envOf(2, 8);
    const pps = newViewPrePrepares(asView(1), viewChanges(env), env);
    assert.deepEqual(shape(pps), [["t1", "t2"], ["t3", "t4"], ["t5"]]);
    assert.deepEqual(pps.map((pp) => pp.seq), [1, 2, 3]);
    for (const pp of pps) {
      assert.ok(batchOf(pp).every((p) => p.flag === "abort" && p.authority === undefined));
      assert.equal(prePrepareConsistent(pp, env), true);
      assert.equal(batchProblem(pp, env), null);
    }
  });

  it("keeps one orphan per pre-prepare with batch size 1, as before batching", () => {
    const env = envOf(1, 8);
    const pps = newViewPrePrepares(asView(1), viewChanges(env), env);
    assert.deepEqual(shape(pps), [["t1"], ["t2"], ["t3"], ["t4"], ["t5"]]);
    assert.ok(pps.every((pp) => !("rest" in pp)));
  });

  it("fills only the window: whole batches up to h + W, the orphans past it left for later", () => {
    const env = envOf(2, 2);
    assert.deepEqual(shape(newViewPrePrepares(asView(1), viewChanges(env), env)), [["t1", "t2"], ["t3", "t4"]]);
  });

  it("derives what the spec's independent rule 4 derives, so receivers accept the leader's NEW-VIEW", () => {
    for (const [size, window] of [[1, 8], [2, 8], [3, 8], [2, 2], [4, 1]] as const) {
      const env = envOf(size, window);
      const judge = makeJudge({ config: env.config, verify: verifySymbolic, digest: digestSymbolic });
      const vcs = viewChanges(env);
      assert.deepEqual(newViewPrePrepares(asView(1), vcs, env), derivedPrePrepares(asView(1), vcs, judge),
        `batch size ${size}, window ${window}`);
      const nv = buildNewView(asView(1), vcs, env);
      assert.ok(nv !== null);
      assert.equal(newViewProblem(nv, env), null);
    }
  });

  it("has the leader propose the orphans its NEW-VIEW had no room for in batches too, as the window opens", () => {
    const env = envOf(2, 1);
    const vcs = viewChanges(env);
    const nv = buildNewView(asView(1), vcs, env);
    assert.ok(nv !== null);
    assert.deepEqual(shape(nv.prePrepares), [["t1", "t2"]]);
    // P0 leads view 1 with that NEW-VIEW installed, its only slot executed and stable.
    const leader: ParticipantState = {
      ...initialParticipant(asNodeId(0)), view: asView(1), newView: nv, lowWatermark: asSeq(1), lastExecuted: asSeq(1),
    };
    const first = proposeOrphans(leader, env);
    assert.deepEqual(shape(first.state.proposals), [["t3", "t4"]]);
    assert.equal(first.state.proposals[0]?.seq, 2);
    assert.ok(batchOf(first.state.proposals[0] as PrePrepare).every((p) => p.flag === "abort"));
    assert.equal(first.out.length, 4, "one pre-prepare, to each participant");
    assert.equal(proposeOrphans(first.state, env).state, first.state, "the window (1, 2] is full");
    const opened = proposeOrphans({ ...first.state, lowWatermark: asSeq(2), lastExecuted: asSeq(2) }, env);
    assert.deepEqual(shape(opened.state.proposals), [["t3", "t4"], ["t5"]]);
  });

  it("runs a view change with three orphans in one pre-prepare: honest participants accept, execute, reply", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, overrides: { batchSize: 3 } });
    // Not held: the coordinator proposes each at once, one per seq.
    for (const t of txns.slice(0, 3)) world.submit(t, "commit");
    const c0 = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(shape(c0.proposals), [["t1"], ["t2"], ["t3"]]);
    // The participants see the pre-prepares (so the txns are pending there) but no vote gets through.
    for (let e = world.inFlight()[0]; e !== undefined; e = world.inFlight()[0]) {
      if (e.message.body.kind === "PrePrepare") world.deliver(e);
      else world.drop(e);
    }
    for (const id of world.participants()) world.fire(id, "view-change");
    world.settle();
    assert.deepEqual(safetyViolations(world), []);
    // View 1 is P0's (quorum.ts, `leaderOf`).
    const leader = world.state(asNodeId(0)) as ParticipantState;
    const nv = leader.newView;
    assert.ok(nv !== null && nv.view === 1);
    assert.deepEqual(shape(nv.prePrepares), [["t1", "t2", "t3"]]);
    for (const id of world.participants()) {
      const p = world.state(id) as ParticipantState;
      assert.equal(p.view, 1);
      assert.equal(p.lastExecuted, 1);
      assert.deepEqual(p.replica.outcomes.map((o) => `${o.txn}@${o.seq}:${o.outcome}`),
        ["t1@1:abort", "t2@1:abort", "t3@1:abort"]);
      assert.deepEqual(p.proven, 0, `P${id} proved no one faulty`);
    }
    const c = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(c.replies.map((r) => `${r.txn}:${r.outcome}`), ["t1:abort", "t2:abort", "t3:abort"]);
  });
});
