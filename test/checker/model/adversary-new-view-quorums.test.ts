/**
 * A Byzantine leader's NEW-VIEWs from every quorum it can assemble
 * (checker/model/adversary-new-view-quorums.ts): the subsets come in a fixed order
 * within their bound, and the quorum that leaves out the VIEW-CHANGE carrying a
 * participant's certificate is there, sound, and nulls that seq.
 */
import assert from "node:assert/strict";
import { quorumNewViews, quorumsPerViewMax, subsetsOf } from "../../../checker/model/adversary-new-view-quorums.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { newViewProblem } from "../../../impl/core/new-view.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import type { NewView, PreparedCertificate, Signed, ViewChange } from "../../../spec/messages.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

function context(): CheckContext {
  const made = makeCheckConfig({ byzantine: [asNodeId(0)], flags: ["commit", "commit"] });
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

/** The coordinator's pre-prepare of txn `i` at seq i + 1 in view 0, with the PREPAREs of `voters`. */
function certificate(ctx: CheckContext, i: number, voters: readonly number[]): PreparedCertificate {
  const request = ctx.requests[i];
  if (request === undefined) throw new Error(`no request ${i}`);
  const proposal = { request, flag: "commit" as const };
  const slot = { view: asView(0), seq: asSeq(i + 1), digest: proposalDigest(proposal, ctx.env) };
  return {
    prePrepare: signAs(ctx.coordinator, { kind: "PrePrepare", ...slot, proposal }),
    prepares: voters.map((v) => signAs(asNodeId(v), { kind: "Prepare" as const, ...slot })),
  };
}

function viewChange(signer: number, prepared: PreparedCertificate[], ctx: CheckContext): Signed<ViewChange> {
  return signAs(asNodeId(signer), {
    kind: "ViewChange", view: asView(1), stableSeq: asSeq(0), checkpointProof: [], prepared, pending: [...ctx.requests],
  });
}

describe("adversary NEW-VIEWs from every quorum", () => {
  it("subsets come in lexicographic order, all of them or the first `max`", () => {
    assert.deepEqual(subsetsOf([1, 2, 3, 4], 2, 10), [[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    assert.deepEqual(subsetsOf([1, 2, 3, 4], 3, 2), [[1, 2, 3], [1, 2, 4]]);
    assert.deepEqual(subsetsOf([1, 2], 3, 10), []);
    assert.deepEqual(subsetsOf([1, 2], 0, 10), [[]]);
  });

  it("a quorum that leaves out the certificate's VIEW-CHANGE nulls its seq, and receivers accept it", () => {
    const ctx = context();
    const source = ctx.adversary.sources.get(asNodeId(0));
    assert.ok(source !== undefined);
    // P3 prepared t1 at seq 1; P2 prepared t2 at seq 2; P1 prepared nothing.
    const latest = [
      viewChange(1, [], ctx), viewChange(2, [certificate(ctx, 1, [1, 3])], ctx),
      viewChange(3, [certificate(ctx, 0, [1, 2])], ctx),
    ];
    const moves = quorumNewViews(source, asView(1), latest, []);
    const newViews = moves.filter((m): m is NewView => m.kind === "NewView");
    const signers = (nv: NewView): string => nv.viewChanges.map((vc) => vc.signer).join(",");
    const sound = newViews.filter((nv) => newViewProblem(nv, ctx.env) === null);
    // Honest-only {1,2,3}, then its own empty VIEW-CHANGE with each pair of honest ones.
    assert.deepEqual(sound.map(signers), ["1,2,3", "0,1,2", "0,1,3", "0,2,3"]);
    const leftOut = sound.find((nv) => signers(nv) === "0,1,2");
    assert.ok(leftOut !== undefined);
    assert.deepEqual(leftOut.prePrepares.map((pp) => pp.proposal === null ? "null" :
      `${pp.proposal.request.body.id}:${pp.proposal.flag}`), ["null", "t2:commit", "t1:abort"]);
    // The honest-only quorum's variants with a survivor made null do not follow from it: they prove the leader.
    const tampered = newViews.filter((nv) => newViewProblem(nv, ctx.env) !== null);
    assert.equal(tampered.length, 2);
    assert.ok(tampered.every((nv) => signers(nv) === "1,2,3"));
    // Each NEW-VIEW comes with its pre-prepares and the leader's votes for them.
    assert.ok(moves.some((m) => m.kind === "Commit" && m.seq === 1 && m.digest === leftOut.prePrepares[0]?.digest));
  });

  it("stays within its bound per view for n = 7", () => {
    const made = makeCheckConfig({ f: 2, byzantine: [asNodeId(0), asNodeId(1)] });
    if (!made.ok) throw new Error(made.error);
    const ctx = makeContext(made.config);
    const source = ctx.adversary.sources.get(asNodeId(0));
    assert.ok(source !== undefined);
    const latest = [2, 3, 4, 5, 6].map((p) => viewChange(p, [], ctx));
    const newViews = quorumNewViews(source, asView(1), latest, []).filter((m): m is NewView => m.kind === "NewView");
    const sound = newViews.filter((nv) => newViewProblem(nv, ctx.env) === null);
    // C(5, 5) honest-only + C(5, 4) with its own empty VIEW-CHANGE; the honest-only one's t1 (presumed abort at
    // seq 1) also made null.
    assert.equal(sound.length, 1 + 5);
    assert.equal(newViews.length, sound.length + 1);
    assert.ok(sound.length <= quorumsPerViewMax);
  });
});
