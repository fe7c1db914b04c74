/**
 * What a vote binds (impl/core/digests.ts): a PRE-PREPARE is consistent iff its digest is its proposal's, so
 * every honest one is, and changing any one field its digest covers (the txn id, an operation, the flag, the
 * client's signature) or the digest itself makes it inconsistent: the signed impossibility that is proof.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { PrePrepare, Proposal } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { prePrepareConsistent, proposalDigest } from "../../../impl/core/digests.js";
import { honestEnv } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const env = honestEnv(1);
const client = asNodeId(env.config.participantCount + 1);

const proposalArb: fc.Arbitrary<Proposal> = fc.record({
  id: fc.constantFrom("t1", "t2", "t3"),
  key: fc.constantFrom("x", "y"),
  value: fc.constantFrom("1", "2"),
  flag: fc.constantFrom("commit" as const, "abort" as const),
}).map(({ id, key, value, flag }) =>
  ({ request: signAs(client, { id, writes: [{ key, value }], reads: [] }), flag }));

const honest = (proposal: Proposal | null): PrePrepare =>
  ({ kind: "PrePrepare", view: asView(0), seq: asSeq(1), digest: proposalDigest(proposal, env), proposal });

/** Each edit changes exactly one field of an honest pre-prepare and keeps its digest. */
const corruptions: Record<string, (p: PrePrepare & { proposal: Proposal }) => PrePrepare> = {
  "another digest": (p) => ({ ...p, digest: asDigest("0000") }),
  "another txn id": (p) => ({ ...p, proposal: { ...p.proposal, request: signAs(client,
    { ...p.proposal.request.body, id: `${p.proposal.request.body.id}x` }) } }),
  "another write": (p) => ({ ...p, proposal: { ...p.proposal, request: signAs(client,
    { ...p.proposal.request.body, writes: [{ key: "z", value: "9" }] }) } }),
  "the other flag": (p) =>
    ({ ...p, proposal: { ...p.proposal, flag: p.proposal.flag === "commit" ? "abort" : "commit" } }),
  "another signer of the request": (p) => ({ ...p, proposal: { ...p.proposal, request: signAs(asNodeId(0),
    p.proposal.request.body) } }),
  "no proposal (a null)": (p) => ({ ...p, proposal: null }),
};

describe("prePrepareConsistent (impl/core/digests.ts)", () => {
  it("holds for every honest pre-prepare, and for a null proposal's", () => {
    fc.assert(fc.property(proposalArb, (proposal) => assert.ok(prePrepareConsistent(honest(proposal), env))));
    assert.ok(prePrepareConsistent(honest(null), env));
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`fails for an honest pre-prepare with ${name}`, () => {
      fc.assert(fc.property(proposalArb, (proposal) => {
        const p = honest(proposal) as PrePrepare & { proposal: Proposal };
        assert.equal(prePrepareConsistent(corrupt(p), env), false);
      }));
    });
  }
});
