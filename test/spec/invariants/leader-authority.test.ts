/** Invariant I9 leader authority (spec/invariants/leader-authority.ts) on hand-built views. */
import assert from "node:assert/strict";
import type { GlobalView, ParticipantView } from "../../../spec/global-view.js";
import {
  leaderAuthority, leaderAuthorityOnInstall, leaderOfView, newViewSignerProblem,
} from "../../../spec/invariants/leader-authority.js";
import { delivery } from "../../support/delivery-views.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

const participant = (prePrepares: ParticipantView["prePrepares"]): ParticipantView => ({
  id: asNodeId(2), view: 1, lastExecuted: asSeq(0), outcomes: [], replicaKey: "r", lowWatermark: asSeq(0),
  highestPrePrepared: asSeq(1), entries: [], executedFlags: [], prePrepares,
});

const view = (p: ParticipantView): GlobalView => ({
  n: 4, f: 1, windowSize: 4, participants: [p], honestMask: 0b10110, provenBy: [], coordinatorHonest: true,
  replies: [], confirmations: [],
  submitted: [], viewChanged: true, coordinatorLowWatermark: asSeq(0),
});

describe("leader authority (I9)", () => {
  it("names the leader of each view as DESIGN.md does: C, then P0..P(n-1), round robin", () => {
    assert.deepEqual([0, 1, 2, 4, 5, 6].map((v) => leaderOfView(asView(v), 4)), [4, 0, 1, 3, 4, 0]);
  });

  it("holds when every pre-prepare is signed by its view's leader", () => {
    const leaders = participant([
      { view: asView(0), seq: asSeq(1), signer: asNodeId(4) },
      { view: asView(1), seq: asSeq(2), signer: asNodeId(0) },
    ]);
    assert.equal(leaderAuthority.check(view(leaders)), null);
  });

  it("names a pre-prepare a non-leader signed", () => {
    assert.equal(leaderAuthority.check(view(participant([{ view: asView(1), seq: asSeq(1), signer: asNodeId(3) }]))),
      "P2 accepted a pre-prepare for view 1 seq 1 signed by P3, but P0 leads view 1");
  });

  it("judges a NEW-VIEW's signer against the view's leader", () => {
    assert.equal(newViewSignerProblem(asNodeId(2), asView(2), asNodeId(1), 4), null);
    assert.equal(newViewSignerProblem(asNodeId(2), asView(2), asNodeId(4), 4),
      "P2 installed a NEW-VIEW for view 2 signed by C, but P1 leads view 2");
  });
});

describe("leader authority (I9) when a NEW-VIEW is installed", () => {
  const install = (signer: number) =>
    delivery({ installed: { view: asView(2), signer: asNodeId(signer), derivable: null } });

  it("holds when nothing is installed, or the view's leader signed or built it", () => {
    assert.equal(leaderAuthorityOnInstall.check(delivery()), null);
    assert.equal(leaderAuthorityOnInstall.check(install(1)), null);
  });

  it("names a NEW-VIEW installed from a node that does not lead its view", () => {
    assert.equal(leaderAuthorityOnInstall.check(install(3)),
      "P2 installed a NEW-VIEW for view 2 signed by P3, but P1 leads view 2");
  });
});
