/**
 * Batched confirmations (spec/batch.ts): a participant confirms a seq's whole batch in one signed CONFIRM
 * listing its (txn, outcome) pairs in order; the coordinator still replies per txn with f+1 matching signed
 * confirmations a client can check; a confirmation of one txn keeps the encoding of old (no `rest`); two of
 * one signer for one seq that state different pairs are proof of equivocation.
 */
import assert from "node:assert/strict";
import type { Confirm, Message, Signed, SignedMessage, Txn } from "../../../spec/messages.js";
import { confirmedOutcome, confirmedTxns, confirmFields } from "../../../spec/batch.js";
import { makeProtocolConfig } from "../../../spec/config.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { verifyEvidence } from "../../../impl/core/evidence-verify.js";
import type { CoordinatorState } from "../../../impl/core/coordinator-state.js";
import type { Env, Output } from "../../../impl/core/types.js";
import { matching } from "../../../impl/net/cluster/participant-outcome.js";
import { ScenarioFacade } from "../../support/scenario-facade.js";
import { safetyViolations } from "../../support/scenario-checks.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const t1: Txn = { id: "t1", writes: [{ key: "k", value: "1" }], reads: [] };
const t2: Txn = { id: "t2", writes: [{ key: "j", value: "2" }], reads: [{ key: "k", version: 9 }] };
const env: Env = { config: makeProtocolConfig(4, 1, { batchSize: 2 }), verify: verifySymbolic, digest: digestSymbolic };

/** Delivers everything in flight, oldest first; returns the confirmations sent and the coordinator's replies. */
function settle(world: ScenarioFacade): { confirms: Signed<Confirm>[]; replies: Extract<Output, { kind: "Reply" }>[] } {
  const confirms: Signed<Confirm>[] = [];
  const replies: Extract<Output, { kind: "Reply" }>[] = [];
  for (let steps = 0; steps < 10_000; steps++) {
    const next = world.inFlight()[0];
    if (next === undefined) return { confirms, replies };
    const m = next.message;
    if (m.body.kind === "Confirm") confirms.push(m as Signed<Confirm>);
    for (const o of world.deliver(next).out) if (o.kind === "Reply") replies.push(o);
  }
  return assert.fail("the run did not settle");
}

const confirm = (outcomes: readonly ["commit" | "abort", "commit" | "abort"]): SignedMessage =>
  signAs<Message>(asNodeId(1), {
    kind: "Confirm", seq: asSeq(1), replicaDigest: asDigest("r"),
    ...confirmFields([{ txn: "t1", outcome: outcomes[0] }, { txn: "t2", outcome: outcomes[1] }]),
  });

describe("batched confirmations (spec/batch.ts)", () => {
  it("confirms a batch of two with one signed message per participant, and replies per txn with f+1 of them", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, overrides: { batchSize: 2 } });
    world.submit(t1, "commit", undefined, true);
    world.submit(t2, "commit");
    const { confirms, replies } = settle(world);
    assert.deepEqual(safetyViolations(world), []);
    // t2 read k at version 9: it aborts, and the one confirmation says so beside t1's commit.
    assert.deepEqual(confirms.map((c) => c.signer).sort(), [0, 1, 2, 3]);
    for (const c of confirms) {
      assert.deepEqual(confirmedTxns(c.body), [{ txn: "t1", outcome: "commit" }, { txn: "t2", outcome: "abort" }]);
    }
    const c = world.state(world.coordinator) as CoordinatorState;
    assert.deepEqual(c.replies, [{ txn: "t1", outcome: "commit" }, { txn: "t2", outcome: "abort" }]);
    assert.deepEqual(replies.map((r) => r.txn).sort(), ["t1", "t2"]);
    for (const reply of replies) {
      // What a client checks: f+1 distinct signers whose confirmation states this outcome for this txn.
      const backing = reply.confirmations as Signed<Confirm>[];
      assert.ok(backing.every((b) => env.verify(b) && confirmedOutcome(b.body, reply.txn) === reply.outcome));
      assert.equal(matching(reply.txn, backing, 1)?.outcome, reply.outcome);
      assert.equal(matching("t3", backing, 1), null);
    }
  });

  it("keeps a confirmation of one txn as of old: no rest", () => {
    const world = new ScenarioFacade({ n: 4, f: 1, overrides: { batchSize: 2 } });
    world.submit(t1, "commit");
    const { confirms } = settle(world);
    assert.equal(confirms.length, 4);
    assert.ok(confirms.every((c) => !("rest" in c.body) && c.body.txn === "t1"));
    assert.deepEqual(confirmFields([{ txn: "t1", outcome: "abort" }]), { txn: "t1", outcome: "abort" });
  });

  it("takes two batch confirmations of one signer and seq that state different pairs as equivocation", () => {
    const judge = (proof: SignedMessage[]): string => {
      const v = verifyEvidence({ grade: "proven", against: asNodeId(1), reason: "equivocation", proof, detail: "" },
        env);
      return v.holds ? "holds" : v.why;
    };
    // The second txn's outcome differs: proof, though the first pair and the seq agree.
    assert.equal(judge([confirm(["commit", "commit"]), confirm(["commit", "abort"])]), "holds");
    assert.notEqual(judge([confirm(["commit", "abort"]), confirm(["commit", "abort"])]), "holds");
    // The coordinator that receives both proves it.
    const world = new ScenarioFacade({ n: 4, f: 1, byzantine: [asNodeId(1)], overrides: { batchSize: 2 } });
    world.byzantine(asNodeId(1), world.coordinator, confirm(["commit", "commit"]).body);
    const stepped = world.byzantine(asNodeId(1), world.coordinator, confirm(["abort", "commit"]).body);
    assert.ok(stepped.out.some((o) => o.kind === "Report" && o.evidence.grade === "proven" &&
      o.evidence.reason === "equivocation"));
  });
});
