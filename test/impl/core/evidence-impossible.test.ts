/**
 * impossibility (impl/core/evidence-impossible.ts): what no honest node signs, judged from
 * the message alone. Every message an honest node of the right role signs is possible;
 * one field changed so that the signer's role or the client's signature no longer fits
 * makes it impossible, which is proof against its signer.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Message, SignedMessage } from "../../../spec/messages.js";
import { clientId } from "../../../spec/config.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import { impossibility } from "../../../impl/core/evidence-impossible.js";
import { leaderOf } from "../../../impl/core/quorum.js";
import { honestEnv, txn } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const env = honestEnv(1);
const n = env.config.participantCount;
const client = clientId(env.config);

/** An honest node's message: the view's leader's abort pre-prepare, C's relayed request, or a participant's vote. */
const honestArb: fc.Arbitrary<SignedMessage> = fc.record({
  kind: fc.constantFrom("PrePrepare" as const, "Request" as const, "Prepare" as const, "Checkpoint" as const),
  view: fc.nat({ max: 9 }), seq: fc.integer({ min: 1, max: 8 }), participant: fc.nat({ max: n - 1 }),
}).map(({ kind, view, seq, participant }) => {
  const request = signAs(client, txn(`t${seq}`));
  switch (kind) {
    case "PrePrepare": {
      const proposal = { request, flag: "abort" as const };
      return signAs<Message>(leaderOf(asView(view), n), { kind, view: asView(view), seq: asSeq(seq), digest:
            proposalDigest(proposal, env), proposal });
    }
    case "Request": return signAs<Message>(asNodeId(n), { kind, request, flag: "commit" });
    case "Prepare": return signAs<Message>(asNodeId(participant), { kind, view: asView(view), seq: asSeq(seq), digest:
          asDigest("d") });
    case "Checkpoint": return signAs<Message>(asNodeId(participant), { kind, seq: asSeq(seq), stateDigest:
          asDigest("d") });
  }
});

/** The signer moved to a role that never signs this message. */
function wrongSigner(m: SignedMessage): SignedMessage {
  const b = m.body;
  if (b.kind === "PrePrepare") return signAs(leaderOf(asView(b.view + 1), n), b);
  if (b.kind === "Request") return signAs(asNodeId(0), b);
  return signAs(asNodeId(n), b);
}

/** The client's signature on the carried request replaced by a participant's (kinds that carry one). */
function requestNotTheClients(m: SignedMessage): SignedMessage | null {
  const b = m.body;
  if (b.kind === "Request") return signAs(m.signer, { ...b, request: signAs(asNodeId(0), b.request.body) });
  if (b.kind !== "PrePrepare" || b.proposal === null) return null;
  const proposal = { ...b.proposal, request: signAs(asNodeId(0), b.proposal.request.body) };
  return signAs(m.signer, { ...b, proposal, digest: proposalDigest(proposal, env) });
}

describe("impossibility (impl/core/evidence-impossible.ts)", () => {
  it("finds nothing impossible in a message an honest node of the right role signs", () => {
    fc.assert(fc.property(honestArb, (m) => assert.equal(impossibility(m, env), null)), { numRuns: 200 });
  });

  it("names a message signed by a node whose role never signs it", () => {
    fc.assert(fc.property(honestArb, (m) => assert.notEqual(impossibility(wrongSigner(m), env), null)),
      { numRuns: 200 });
  });

  it("names a pre-prepare or relayed request whose request the client did not sign", () => {
    fc.assert(fc.property(honestArb, (m) => {
      const bad = requestNotTheClients(m);
      if (bad !== null) assert.match(impossibility(bad, env) ?? "", /not signed by the client/);
    }), { numRuns: 200 });
  });

  it("names a pre-prepare whose digest is not its body's, or a participant leader's unauthorised commit", () => {
    fc.assert(fc.property(honestArb.filter((m) => m.body.kind === "PrePrepare"), (m) => {
      const b = m.body;
      if (b.kind !== "PrePrepare" || b.proposal === null) return;
      assert.match(impossibility(signAs(m.signer, { ...b, digest: asDigest("0") }), env) ?? "",
          /digest does not match/);
      const commit = { ...b.proposal, flag: "commit" as const };
      const flagged = signAs(m.signer, { ...b, proposal: commit, digest: proposalDigest(commit, env) });
      if (m.signer !== n) assert.match(impossibility(flagged, env) ?? "", /without the coordinator's authority/);
    }), { numRuns: 200 });
  });
});
