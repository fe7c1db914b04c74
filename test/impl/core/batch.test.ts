/**
 * Batching in the core (spec/batch.ts): one PRE-PREPARE carries up to `batchSize` txns; its digest
 * covers the batch in order, so the votes bind the whole batch; the txns execute in batch order,
 * each with its own decision, outcome and confirmation; a shape no honest leader sends is proof;
 * flag authority holds per txn; a NEW-VIEW re-proposes a certified batch whole.
 */
import assert from "node:assert/strict";
import type { PrePrepare, Proposal, Signed, Txn, ViewChange } from "../../../spec/messages.js";
import { batchFields, batchOf, batchShapeProblem, batchTxnIds } from "../../../spec/batch.js";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { batchDigest, prePrepareConsistent, proposalDigest } from "../../../impl/core/digests.js";
import { flagAuthorityProblem } from "../../../impl/core/flag-authority.js";
import { newViewPrePrepares } from "../../../impl/core/new-view.js";
import type { CoordinatorState } from "../../../impl/core/coordinator-state.js";
import type { ParticipantState } from "../../../impl/core/participant-state.js";
import type { Env } from "../../../impl/core/types.js";
import { ScenarioFacade } from "../../support/scenario-facade.js";
import { safetyViolations } from "../../support/scenario-checks.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const envOf = (batchSize: number): Env =>
  ({ config: makeProtocolConfig(4, 1, { batchSize }), verify: verifySymbolic, digest: digestSymbolic });
const env2 = envOf(2);
const env1: Env = { ...env2, config: makeProtocolConfig(4, 1) };
const C = asNodeId(4);
/** t1 writes k; t2 reads k at version 1, so it commits only after t1 in the same batch. */
const t1: Txn = { id: "t1", writes: [{ key: "k", value: "1" }], reads: [] };
const t2: Txn = { id: "t2", writes: [{ key: "j", value: "2" }], reads: [{ key: "k", version: 1 }] };
const proposal = (t: Txn, flag: "commit" | "abort" = "commit"): Proposal =>
  ({ request: signAs(clientId(env2.config), t), flag });
const batchPrePrepare = (proposals: readonly Proposal[], view = 0, seq = 1, env = env2): PrePrepare => ({
  kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: batchDigest(proposals, env),
  ...batchFields(proposals),
});

describe("batching (spec/batch.ts, impl/core)", () => {
  it("keeps a batch of one as the pre-prepare of old: no rest, the proposal's own digest", () => {
    const one = batchPrePrepare([proposal(t1)]);
    assert.equal("rest" in one, false);
    assert.equal(one.digest, proposalDigest(one.proposal, env2));
    assert.deepEqual(batchOf(batchPrePrepare([])), []);
  });

  it("digests the whole batch in order", () => {
    const ab = batchPrePrepare([proposal(t1), proposal(t2)]);
    const ba = batchPrePrepare([proposal(t2), proposal(t1)]);
    assert.notEqual(ab.digest, ba.digest);
    assert.notEqual(ab.digest, proposalDigest(ab.proposal, env2));
    assert.equal(prePrepareConsistent(ab, env2), true);
    // The digest of the first txn alone does not stand for the batch.
    assert.equal(prePrepareConsistent({ ...ab, digest: proposalDigest(ab.proposal, env2) }, env2), false);
  });

  it("refuses shapes an honest leader never sends: an empty rest, too many txns, one txn twice", () => {
    const one = batchPrePrepare([proposal(t1)]);
    assert.match(batchShapeProblem({ ...one, rest: [] }, env2.config) ?? "", /empty/);
    assert.match(batchShapeProblem(batchPrePrepare([proposal(t1), proposal(t2)]), env1.config) ?? "", /exceed/);
    assert.match(batchShapeProblem(batchPrePrepare([proposal(t1), proposal(t1)]), env2.config) ?? "", /twice/);
    assert.equal(batchShapeProblem(batchPrePrepare([proposal(t1), proposal(t2)]), env2.config), null);
  });

  it("holds each txn of a batch to flag authority", () => {
    // View 1 is P0's: a commit needs the coordinator's word, for the second txn as for the first.
    const unauthorised = batchPrePrepare([proposal(t1, "abort"), proposal(t2)], 1);
    assert.match(flagAuthorityProblem(unauthorised, env2) ?? "", /commit flag for t2/);
    const aborts = batchPrePrepare([proposal(t1, "abort"), proposal(t2, "abort")], 1);
    assert.equal(flagAuthorityProblem(aborts, env2), null);
    // The coordinator's signed batch is the authority for each of its commits, found by txn.
    const led = signAs(C, batchPrePrepare([proposal(t1), proposal(t2)]));
    const carried = batchPrePrepare([proposal(t1, "abort"), { ...proposal(t2), authority: led }], 1);
    assert.equal(flagAuthorityProblem(carried, env2), null);
  });

  it("re-proposes a certified batch whole in a NEW-VIEW, each commit with the coordinator's batch as authority", () => {
    const led = signAs(C, batchPrePrepare([proposal(t1), proposal(t2)]));
    const prepares = [1, 2].map((i) =>
      signAs(asNodeId(i), { kind: "Prepare" as const, view: asView(0), seq: asSeq(1), digest: led.body.digest }));
    const vc = (signer: number): Signed<ViewChange> => signAs(asNodeId(signer), {
      kind: "ViewChange", view: asView(1), stableSeq: asSeq(0), checkpointProof: [],
      prepared: signer === 3 ? [{ prePrepare: led, prepares }] : [], pending: [],
    });
    const [derived] = newViewPrePrepares(asView(1), [vc(1), vc(2), vc(3)], env2) as [PrePrepare];
    assert.deepEqual(batchTxnIds(derived), ["t1", "t2"]);
    assert.ok(batchOf(derived).every((p) => p.authority === led));
    assert.equal(prePrepareConsistent(derived, env2), true);
    assert.equal(flagAuthorityProblem(derived, env2), null);
  });

  it("runs a batch of two end to end: one pre-prepare, one vote per slot, in-order execution, a reply per txn", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, overrides: { batchSize: 2 } });
    world.submit(t1, "commit", undefined, true);
    assert.equal(world.inFlight().length, 0, "a held submission waits for a full batch");
    world.submit(t2, "commit");
    const prePrepares = world.inFlight().filter((e) => e.message.body.kind === "PrePrepare");
    assert.equal(prePrepares.length, 4);
    assert.deepEqual(batchTxnIds(prePrepares[0]?.message.body as PrePrepare), ["t1", "t2"]);
    world.settle();
    assert.deepEqual(safetyViolations(world), []);
    for (const id of world.participants()) {
      const p = world.state(id) as ParticipantState;
      assert.equal(p.lastExecuted, 1);
      // t2 read k at version 1: it commits only because t1 ran before it inside the batch.
      assert.deepEqual(p.replica.outcomes, [
        { txn: "t1", outcome: "commit", seq: 1 }, { txn: "t2", outcome: "commit", seq: 1, index: 1 },
      ]);
      const decided = (world.decisions.get(id) ?? []).map((d) => `${d.seq}:${d.txn}:${d.outcome}`);
      assert.deepEqual(decided, ["1:t1:commit", "1:t2:commit"]);
    }
    const c = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(c.replies, [{ txn: "t1", outcome: "commit" }, { txn: "t2", outcome: "commit" }]);
    assert.equal(c.proposals.length, 1);
  });

  it("proposes a partial batch when no more follow, and full batches in queue order", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, overrides: { batchSize: 2 } });
    const t3: Txn = { id: "t3", writes: [], reads: [] };
    world.submit(t1, "commit", undefined, true);
    world.submit(t2, "abort", undefined, true);
    world.submit(t3, "commit");
    const c = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(c.proposals.map((p) => batchTxnIds(p)), [["t1", "t2"], ["t3"]]);
    world.settle();
    assert.deepEqual(safetyViolations(world), []);
    const p0 = world.state(asNodeId(0)) as ParticipantState;
    assert.deepEqual(p0.replica.outcomes.map((o) => `${o.txn}@${o.seq}`), ["t1@1", "t2@1", "t3@2"]);
  });

  it("with batch size 1 proposes each submission at once, held or not", () => {
    const world = new ScenarioFacade({ n: 4, f: 1 });
    world.submit(t1, "commit", undefined, true);
    world.submit(t2, "commit");
    const c = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(c.proposals.map((p) => batchTxnIds(p)), [["t1"], ["t2"]]);
    assert.ok(c.proposals.every((p) => !("rest" in p)));
  });

  it("proves a leader whose pre-prepare carries a batch larger than the batch size", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, byzantine: [C] });
    const oversized = batchPrePrepare([proposal(t1), proposal(t2)], 0, 1, env1);
    const stepped = world.byzantine(C, asNodeId(0), oversized);
    assert.ok(stepped.out.some((o) => o.kind === "Report" && o.evidence.grade === "proven" &&
      o.evidence.reason === "impossible-message"));
  });
});
