/**
 * The independent acceptance rules of I10 (spec/invariants/justify-rules.ts), each once sound and once broken, on
 * messages signed with the checker's symbolic signatures (n = 4, f = 1: C is node 4, the client node 5).
 */
import assert from "node:assert/strict";
import {
  certificateProblem, flagAuthorityProblem, isParticipantId, matchingVotes, prePrepareProblem, provenCheckpoint,
  slotCertificateProblem, votesProblem,
} from "../../../spec/invariants/justify-rules.js";
import {
  C, checkpoint, client, forgeAs, judge, prePrepare, request, signAs, slot, txn, vote,
} from "../../support/held-states.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const pp0 = prePrepare(asView(0), asSeq(1), { request, flag: "commit" }, asNodeId(C));
const authority = signAs(asNodeId(C), { kind: "Request" as const, request, flag: "commit" as const });

describe("justify rules (I10)", () => {
  it("isParticipantId: P0..P3 are participants; C, the client and -1 are not", () => {
    assert.deepEqual([0, 3].map((id) => isParticipantId(asNodeId(id), judge)), [true, true]);
    assert.deepEqual([C, client, -1].map((id) => isParticipantId(asNodeId(id), judge)), [false, false, false]);
  });

  it("flagAuthorityProblem: commit in C's view or with C's signed Request; not a participant leader's own", () => {
    assert.equal(flagAuthorityProblem(pp0.body, judge), null);
    const led = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority }, asNodeId(0)).body;
    assert.equal(flagAuthorityProblem(led, judge), null);
    const bare = prePrepare(asView(1), asSeq(1), { request, flag: "commit" }, asNodeId(0)).body;
    assert.equal(flagAuthorityProblem(bare, judge), "commit flag for t1 in view 1 without the coordinator's authority");
    const other = { ...txn, id: "t2" };
    const wrong = signAs(asNodeId(C), { kind: "Request" as const, request: signAs(asNodeId(client), other),
      flag: "commit" as const });
    const named = prePrepare(asView(1), asSeq(1), { request, flag: "commit", authority: wrong }, asNodeId(0)).body;
    assert.equal(flagAuthorityProblem(named, judge), "authority for t1 names another txn");
  });

  it("prePrepareProblem: the leader's signature, the body's digest, the client's request", () => {
    assert.equal(prePrepareProblem(pp0, judge), null);
    assert.equal(prePrepareProblem(signAs(asNodeId(1), pp0.body), judge),
      "pre-prepare v0 s1 not validly signed by its leader 4");
    assert.equal(prePrepareProblem(forgeAs(asNodeId(C), asNodeId(1), pp0.body), judge),
      "pre-prepare v0 s1 not validly signed by its leader 4");
    const unsigned = prePrepare(asView(0), asSeq(1), { request: signAs(asNodeId(2), txn), flag: "commit" },
      asNodeId(C));
    assert.equal(prePrepareProblem(unsigned, judge), "pre-prepare v0 s1: request not signed by the client");
  });

  it("matchingVotes and votesProblem: distinct valid matching votes from others than the holder", () => {
    const votes = [1, 2, 3].map((id) => vote("Prepare", pp0, asNodeId(id)));
    assert.equal(matchingVotes(votes, pp0.body, asNodeId(0), judge), 3);
    assert.equal(matchingVotes(votes, pp0.body, asNodeId(1), judge), 2, "the holder's own is not counted");
    assert.equal(matchingVotes([votes[0]!, votes[0]!, null], pp0.body, asNodeId(0), judge), 1, "a signer once");
    const stale = signAs(asNodeId(2), { ...votes[1]!.body, digest: asDigest("other") });
    assert.equal(matchingVotes([votes[0]!, stale], pp0.body, asNodeId(0), judge), 1);
    assert.equal(votesProblem("PREPARE", votes.slice(0, 2), pp0.body, asNodeId(0), judge), null);
    assert.equal(votesProblem("PREPARE", votes.slice(0, 1), pp0.body, asNodeId(0), judge),
      "v0 s1: 1 valid matching PREPAREs from other participants, needs 2");
  });

  it("certificateProblem: a sound pre-prepare and Q-1 PREPAREs from others, never the holder's own", () => {
    const prepares = [vote("Prepare", pp0, asNodeId(1)), vote("Prepare", pp0, asNodeId(2))];
    assert.equal(certificateProblem({ prePrepare: pp0, prepares }, asNodeId(0), judge), null);
    assert.equal(certificateProblem({ prePrepare: pp0, prepares }, asNodeId(1), judge),
      "certificate s1: carries its holder's own prepare");
    assert.equal(certificateProblem({ prePrepare: signAs(asNodeId(1), pp0.body), prepares }, asNodeId(0), judge),
      "certificate: pre-prepare v0 s1 not validly signed by its leader 4");
  });

  it("slotCertificateProblem: a prepared slot holds its pre-prepare and Q-1 PREPAREs", () => {
    assert.equal(slotCertificateProblem(slot(pp0, "prepared", [1, 2], []), asNodeId(0), judge), null);
    assert.equal(slotCertificateProblem({ ...slot(pp0, "prepared", [1, 2], []), prePrepare: null }, asNodeId(0),
      judge), "s1 is prepared without a pre-prepare");
    assert.match(slotCertificateProblem(slot(pp0, "prepared", [1], []), asNodeId(0), judge) ?? "", /needs 2/);
  });

  it("provenCheckpoint: seq 0 needs no proof; a later seq needs Q matching signed CHECKPOINTs", () => {
    assert.equal(provenCheckpoint(asSeq(0), [], judge), "initial");
    const proof = [0, 1, 2].map((id) => checkpoint(asSeq(2), asNodeId(id)));
    assert.equal(provenCheckpoint(asSeq(2), proof, judge), "d");
    assert.equal(provenCheckpoint(asSeq(0), proof, judge), null);
    assert.equal(provenCheckpoint(asSeq(2), proof.slice(0, 2), judge), null);
    assert.equal(provenCheckpoint(asSeq(2), [...proof.slice(0, 2), proof[0]!], judge), null, "a signer twice");
    assert.equal(provenCheckpoint(asSeq(2), [...proof.slice(0, 2), checkpoint(asSeq(2), asNodeId(C))], judge), null);
    const forged = forgeAs(asNodeId(2), asNodeId(3), proof[2]!.body);
    assert.equal(provenCheckpoint(asSeq(2), [...proof.slice(0, 2), forged], judge), null);
  });
});
