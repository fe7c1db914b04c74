/**
 * The justification invariants I10a, I10c, I10d and I10e (spec/invariants/justified-*.ts) on hand-built retained
 * state.
 */
import assert from "node:assert/strict";
import { justifiedCheckpoint } from "../../../spec/invariants/justified-checkpoint.js";
import { justifiedPrepared } from "../../../spec/invariants/justified-prepared.js";
import { justifiedProposals } from "../../../spec/invariants/justified-proposals.js";
import { justifiedView } from "../../../spec/invariants/justified-view.js";
import {
  C, checkpoint, forgeAs, held, newView, prePrepare, request, signAs, slot, viewOf, vote,
} from "../../support/held-states.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp0 = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));

describe("I10a justified prepared certificates", () => {
  it("holds for a prepared slot with the leader's pre-prepare and Q-1 others' PREPAREs", () => {
    assert.equal(justifiedPrepared.check(viewOf(held({ slots: [slot(pp0, "prepared", [1, 2], [])] }))), null);
  });

  it("names a slot prepared on one PREPARE too few", () => {
    assert.equal(justifiedPrepared.check(viewOf(held({ slots: [slot(pp0, "prepared", [1], [])] }))),
      "P0 holds s1 as prepared: v0 s1: 1 valid matching PREPAREs from other participants, needs 2");
  });

  it("does not count a forged PREPARE toward a certificate of the P set", () => {
    const cert = { prePrepare: pp0, prepares: [vote("Prepare", pp0, asNodeId(1)), forgeAs(asNodeId(2), asNodeId(3),
            vote("Prepare", pp0, asNodeId(2)).body)] };
    assert.match(justifiedPrepared.check(viewOf(held({ prepared: [cert] }))) ?? "", /1 valid matching PREPAREs/);
  });

  it("names a pre-prepare whose digest does not match its body", () => {
    const bad = signAs(asNodeId(C), { ...pp0.body, digest: asDigest("0000") });
    const problem = justifiedPrepared.check(viewOf(held({ slots: [slot(bad, "prepared", [1, 2], [])] })));
    assert.match(problem ?? "", /digest does not match/);
  });
});

describe("I10c justified stable checkpoint", () => {
  it("holds at h = 0 with no proof, and at h = 2 with Q matching CHECKPOINTs", () => {
    assert.equal(justifiedCheckpoint.check(viewOf(held())), null);
    const proof = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1)), checkpoint(asSeq(2),
          asNodeId(2))];
    assert.equal(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: proof }))), null);
  });

  it("names a window moved on f+1 CHECKPOINTs, or on ones with two digests", () => {
    const short = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1))];
    assert.equal(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: short }))),
      "P0 moved its window to s2 on a proof of 2 CHECKPOINTs that does not prove it");
    const mixed = [checkpoint(asSeq(2), asNodeId(0)), checkpoint(asSeq(2), asNodeId(1)), checkpoint(asSeq(2),
          asNodeId(2), asDigest("e"))];
    assert.notEqual(justifiedCheckpoint.check(viewOf(held({ lowWatermark: asSeq(2), stableProof: mixed }))), null);
  });
});

describe("I10d justified views", () => {
  // P0 leads view 1; P2 holds its NEW-VIEW.
  const nv = newView(asView(1), [1, 2, 3]);
  const at = (overrides: Parameters<typeof held>[0]) => viewOf(held({ id: asNodeId(2), view: asView(1), newView: nv,
          ...overrides }));

  it("holds for a NEW-VIEW the view's leader signed from Q sound VIEW-CHANGEs", () => {
    assert.equal(justifiedView.check(at({ newViewSigned: signAs(asNodeId(0), nv) })), null);
  });

  it("names a NEW-VIEW signed by a non-leader, one with too few VIEW-CHANGEs, and a view without one", () => {
    assert.equal(justifiedView.check(at({ newViewSigned: signAs(asNodeId(1), nv) })),
      "P2 installed a NEW-VIEW for view 1 not from its leader 0");
    const small = newView(asView(1), [1, 3]);
    const problem = justifiedView.check(at({ newView: small, newViewSigned: signAs(asNodeId(0), small) }));
    assert.match(problem ?? "", /carries 2 view-changes, needs 3/);
    assert.equal(justifiedView.check(at({ newView: null })), "P2 is in view 1 without its NEW-VIEW");
  });

  it("names a NEW-VIEW whose pre-prepares do not follow from its VIEW-CHANGEs", () => {
    const extra = { ...nv, prePrepares: [prePrepare(asView(1), asSeq(1), null, asNodeId(0)).body] };
    assert.match(justifiedView.check(at({ newView: extra, newViewSigned: signAs(asNodeId(0), extra) })) ?? "",
        /do not follow/);
  });
});

describe("I10e justified proposals and flag authority", () => {
  it("holds for a commit the coordinator proposed in its view, and one it authorised in a participant's", () => {
    assert.equal(justifiedProposals.check(viewOf(held({ slots: [slot(pp0, "pre-prepared", [], [])] }))), null);
    const authority = signAs(asNodeId(C), { kind: "Request" as const, request, flag: "commit" as const });
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority }, asNodeId(0));
    assert.equal(justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "pre-prepared", [], [])]
                }))), null);
  });

  it("names a commit a participant leader proposed without the coordinator's authority", () => {
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit" }, asNodeId(0));
    assert.equal(justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "learned", [], [])] }))),
      "P0 accepted commit flag for t1 in view 1 without the coordinator's authority");
  });

  it("names an authority that the coordinator did not sign", () => {
    const authority = signAs(asNodeId(1), { kind: "Request" as const, request, flag: "commit" as const });
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority }, asNodeId(0));
    const problem = justifiedProposals.check(viewOf(held({ view: asView(1), slots: [slot(led, "learned", [], [])] })));
    assert.match(problem ?? "", /not validly signed/);
  });
});
