/**
 * The independent view-change rules of I10d (spec/invariants/justify-view-rules.ts), each once sound and once
 * broken, on VIEW-CHANGEs and NEW-VIEWs signed with the checker's symbolic signatures (n = 4, f = 1).
 */
import assert from "node:assert/strict";
import type { PreparedCertificate, Signed, ViewChange } from "../../../spec/messages.js";
import {
  derivedPrePrepares, newViewProblem, viewChangeProblem,
} from "../../../spec/invariants/justify-view-rules.js";
import {
  C, checkpoint, client, judge, newView, prePrepare, request, signAs, txn, viewChange, vote,
} from "../../support/held-states.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp0 = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));
/** P1's certificate for (v0, s1): C's pre-prepare and P2's and P3's PREPAREs. */
const cert: PreparedCertificate = { prePrepare: pp0, prepares: [vote("Prepare", pp0, asNodeId(2)),
  vote("Prepare", pp0, asNodeId(3))] };
const carrying = (signer: number, over: Partial<ViewChange> = {}): Signed<ViewChange> =>
  signAs(asNodeId(signer), { ...viewChange(asView(1), asNodeId(signer)).body, ...over });

describe("justify view rules (I10d)", () => {
  it("viewChangeProblem: sound with no certificates, or with a certificate its signer may carry", () => {
    assert.equal(viewChangeProblem(viewChange(asView(1), asNodeId(1)), judge), null);
    assert.equal(viewChangeProblem(carrying(1, { prepared: [cert] }), judge), null);
    const proof = [0, 1, 2].map((id) => checkpoint(asSeq(2), asNodeId(id)));
    assert.equal(viewChangeProblem(carrying(1, { stableSeq: asSeq(2), checkpointProof: proof }), judge), null);
  });

  it("viewChangeProblem: names a non-participant signer, view 0, an unproven checkpoint, a bad certificate", () => {
    assert.equal(viewChangeProblem(carrying(C), judge),
      "view-change of 4 for view 1: not validly signed by a participant");
    assert.equal(viewChangeProblem(carrying(1, { view: asView(0) }), judge),
      "view-change of 1 for view 0: no such view to change to");
    assert.equal(viewChangeProblem(carrying(1, { stableSeq: asSeq(2) }), judge),
      "view-change of 1 for view 1: checkpoint s2 unproven");
    assert.equal(viewChangeProblem(carrying(2, { prepared: [cert] }), judge),
      "view-change of 2 for view 1: certificate s1: carries its holder's own prepare");
    assert.equal(viewChangeProblem(carrying(1, { pending: [signAs(asNodeId(2), txn)] }), judge),
      "view-change of 1 for view 1: pending t1 not signed by the client");
    assert.equal(viewChangeProblem(carrying(1, { pending: [signAs(asNodeId(client), txn)] }), judge), null);
  });

  it("derivedPrePrepares: re-proposes a certified txn with C's pre-prepare as authority, aborts orphans", () => {
    const derived = derivedPrePrepares(asView(1), [carrying(1, { prepared: [cert] }), carrying(2), carrying(3)], judge);
    assert.equal(derived.length, 1);
    assert.equal(derived[0]?.proposal?.request.body.id, "t1");
    assert.equal(derived[0]?.proposal?.flag, "commit");
    assert.equal(derived[0]?.proposal?.authority, pp0, "C's own pre-prepare is the authority in P0's view");
    const orphan = derivedPrePrepares(asView(1), [carrying(1, { pending: [request] }), carrying(2), carrying(3)],
      judge);
    assert.deepEqual(orphan.map((p) => [p.seq, p.proposal?.flag]), [[1, "abort"]]);
    assert.deepEqual(derivedPrePrepares(asView(1), [carrying(1), carrying(2), carrying(3)], judge), []);
  });

  it("newViewProblem: sound on Q VIEW-CHANGEs with the derived pre-prepares; names each way of breaking it", () => {
    assert.equal(newViewProblem(newView(asView(1), [1, 2, 3]), judge), null);
    const vcs = [carrying(1, { prepared: [cert] }), carrying(2), carrying(3)];
    const prePrepares = derivedPrePrepares(asView(1), vcs, judge);
    assert.equal(newViewProblem({ kind: "NewView", view: asView(1), viewChanges: vcs, prePrepares }, judge), null);
    assert.equal(newViewProblem({ kind: "NewView", view: asView(1), viewChanges: vcs, prePrepares: [] }, judge),
      "new-view v1: pre-prepares do not follow from its view-changes");
    assert.equal(newViewProblem(newView(asView(1), [1, 2]), judge), "new-view v1 carries 2 view-changes, needs 3");
    assert.equal(newViewProblem(newView(asView(1), [1, 1, 2]), judge), "new-view v1 carries two view-changes of 1");
    const stale = { ...newView(asView(2), [1, 2, 3]), viewChanges: newView(asView(1), [1, 2, 3]).viewChanges };
    assert.equal(newViewProblem(stale, judge), "new-view v2 carries a view-change for view 1");
  });
});
