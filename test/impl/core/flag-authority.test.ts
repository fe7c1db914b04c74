/**
 * Flag authority (DESIGN.md §3, impl/core/flag-authority.ts): a commit flag in a view a
 * participant leads is valid only with the coordinator's signed word for it, and the
 * same rule holds at a receiver of a PRE-PREPARE, in a prepared certificate and so in
 * a NEW-VIEW's recomputation. n = 4: C (id 4) leads views 0 and 5, P0 leads view 1.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { signAs, symbolicSignature } from "../../../checker/model/symbolic-crypto.js";
import { certificateProblem } from "../../../impl/core/certificate.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import { carriedBatch, flagAuthorityProblem } from "../../../impl/core/flag-authority.js";
import { newViewPrePrepares } from "../../../impl/core/new-view.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { step } from "../../../impl/core/step.js";
import type {
  FlagAuthority, NodeId, Outcome, Prepare, PrePrepare, Proposal, Request, Signed, Txn, ViewChange,
} from "../../../spec/messages.js";
import { ScenarioFacade as World } from "../../support/scenario-facade.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { Digest, Seq, View } from "../../../spec/ids.js";
import { Proposal as ProposalSchema } from "../../../spec/messages.js";
import { describeHoles, judge, type Benign } from "../../support/corruption.js";

const world = new World({ n: 4, f: 1 });
const env = world.env;
const C = world.coordinator;
const t1: Txn = { id: "t1", writes: [{ key: "x", value: "1" }], reads: [] };
const t2: Txn = { id: "t2", writes: [{ key: "y", value: "1" }], reads: [] };
const signed = (txn: Txn) => signAs(world.client, txn);
const relayed = (txn: Txn, flag: Outcome, by: NodeId = C): Signed<Request> =>
  signAs(by, { kind: "Request", request: signed(txn), flag });

function prePrepare(view: View, seq: Seq, proposal: Proposal | null): PrePrepare {
  return { kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: proposalDigest(proposal, env), proposal };
}
const prepare = (view: View, digest: Digest): Prepare => ({ kind: "Prepare", view: asView(view), seq: asSeq(1), digest:
      asDigest(digest) });
const withAuthority = (txn: Txn, flag: Outcome, authority: Signed<FlagAuthority>): Proposal =>
  ({ request: signed(txn), flag, authority });

describe("flag authority (impl/core/flag-authority.ts)", () => {
  it("needs no authority for a null proposal, an abort, or a commit in a view the coordinator leads", () => {
    assert.equal(flagAuthorityProblem(prePrepare(asView(1), asSeq(1), null), env), null);
    assert.equal(flagAuthorityProblem(prePrepare(asView(1), asSeq(1), { request: signed(t1), flag: "abort" }), env),
        null);
    assert.equal(flagAuthorityProblem(prePrepare(asView(0), asSeq(1), { request: signed(t1), flag: "commit" }), env),
        null);
    assert.equal(flagAuthorityProblem(prePrepare(asView(5), asSeq(1), { request: signed(t1), flag: "commit" }), env),
        null);
  });

  it("refuses a commit in a participant-led view without the coordinator's authority", () => {
    const problem = flagAuthorityProblem(prePrepare(asView(1), asSeq(1), { request: signed(t1), flag: "commit" }), env);
    assert.match(problem ?? "", /commit flag for t1 in view 1 without the coordinator's authority/);
  });

  it("accepts the coordinator's relayed Request(txn, commit) as the authority", () => {
    assert.equal(flagAuthorityProblem(prePrepare(asView(1), asSeq(1), withAuthority(t1, "commit", relayed(t1,
                "commit"))), env), null);
  });

  it("accepts the coordinator's own commit pre-prepare from a view it led", () => {
    const own = signAs(C, prePrepare(asView(0), asSeq(1), { request: signed(t1), flag: "commit" }));
    assert.equal(flagAuthorityProblem(prePrepare(asView(1), asSeq(1), withAuthority(t1, "commit", own)), env), null);
  });

  const bad: readonly [string, Proposal, RegExp][] = [
    ["signed by a participant", withAuthority(t1, "commit", relayed(t1, "commit", asNodeId(0))),
        /not signed by the coordinator/],
    ["with a forged signature",
      withAuthority(t1, "commit", { ...relayed(t1, "commit"), signature: symbolicSignature(asNodeId(0)) }),
      /not signed by the coordinator/],
    ["flagging abort", withAuthority(t1, "commit", relayed(t1, "abort")), /does not flag it commit/],
    ["for another txn", withAuthority(t1, "commit", relayed(t2, "commit")), /names another txn/],
    ["on an abort proposal", withAuthority(t1, "abort", relayed(t1, "commit")),
      /abort flag for t1 carries a commit authority/],
    ["a pre-prepare of a view a participant led", withAuthority(t1, "commit",
      signAs(C, prePrepare(asView(1), asSeq(1), { request: signed(t1), flag: "commit" }))), /does not flag it commit/],
  ];
  for (const [what, proposal, expected] of bad) {
    it(`refuses an authority ${what}`, () => {
      assert.match(flagAuthorityProblem(prePrepare(asView(1), asSeq(1), proposal), env) ?? "", expected);
    });
  }

  it("proves a participant leader's unauthorised commit pre-prepare at its receiver", () => {
    // P1 installed view 1 (led by P0) through some NEW-VIEW; the pre-prepare is judged by itself.
    const newView = { kind: "NewView" as const, view: asView(1), viewChanges: [], prePrepares: [] };
    const state = { ...initialParticipant(asNodeId(1)), view: asView(1), newView };
    const pp = signAs(asNodeId(0), prePrepare(asView(1), asSeq(1), { request: signed(t1), flag: "commit" }));
    const result = step(state, { kind: "Delivered", from: asNodeId(0), message: pp }, env);
    const reports = result.out.flatMap((o) => (o.kind === "Report" ? [o.evidence] : []));
    assert.deepEqual(reports.map((e) => [e.grade, e.against, e.reason]), [["proven", 0, "impossible-message"]]);
    const prepared = result.out.some((o) => o.kind === "Send" && o.message.kind === "Prepare");
    assert.ok(!prepared, "prepared an unauthorised commit");
  });

  it("rejects a prepared certificate whose pre-prepare lacks the authority", () => {
    const pp = signAs(asNodeId(0), prePrepare(asView(1), asSeq(1), { request: signed(t1), flag: "commit" }));
    const prepares = [2, 3].map((i) => signAs(asNodeId(i), prepare(asView(1), pp.body.digest)));
    assert.match(certificateProblem({ prePrepare: pp, prepares }, asNodeId(1), env) ?? "",
        /without the coordinator's authority/);
    const authorised = signAs(asNodeId(0), prePrepare(asView(1), asSeq(1), withAuthority(t1, "commit", relayed(t1,
              "commit"))));
    const matching = [2, 3].map((i) => signAs(asNodeId(i), prepare(asView(1), authorised.body.digest)));
    assert.equal(certificateProblem({ prePrepare: authorised, prepares: matching }, asNodeId(1), env), null);
  });

  describe("re-proposal by a NEW-VIEW (carriedBatch)", () => {
    const own = signAs(C, prePrepare(asView(0), asSeq(1), { request: signed(t1), flag: "commit" }));

    it("gives a coordinator's commit the signed pre-prepare as authority when a participant leads", () => {
      assert.deepEqual(carriedProposal(own, asView(1), env), { request: signed(t1), flag: "commit", authority: own });
    });

    it("keeps the proposal unchanged when the coordinator leads, for an abort, and when it has an authority", () => {
      assert.equal(carriedProposal(own, asView(5), env), own.body.proposal);
      const abort = signAs(C, prePrepare(asView(0), asSeq(1), { request: signed(t1), flag: "abort" }));
      assert.equal(carriedProposal(abort, asView(1), env), abort.body.proposal);
      const carried = signAs(asNodeId(0), prePrepare(asView(1), asSeq(1), withAuthority(t1, "commit", relayed(t1,
                "commit"))));
      assert.equal(carriedProposal(carried, asView(2), env), carried.body.proposal);
    });

    it("derives NEW-VIEW pre-prepares that pass the authority rule themselves", () => {
      const prepares = [1, 2].map((i) => signAs(asNodeId(i), prepare(asView(0), own.body.digest)));
      const vc = (signer: NodeId): Signed<ViewChange> => signAs(signer, {
        kind: "ViewChange", view: asView(1), stableSeq: asSeq(0), checkpointProof: [],
        prepared: signer === 3 ? [{ prePrepare: own, prepares }] : [], pending: [],
      });
      const derived = newViewPrePrepares(asView(1), [vc(asNodeId(1)), vc(asNodeId(2)), vc(asNodeId(3))], env);
      assert.equal(derived.length, 1);
      const [first] = derived as [PrePrepare];
      assert.equal(first.proposal?.authority, own);
      assert.equal(first.digest, proposalDigest(first.proposal, env));
      assert.equal(flagAuthorityProblem(first, env), null);
    });
  });
});

/**
 * Honest leaders' proposals in any view: the coordinator's own (either flag, no authority), a
 * participant leader's abort, and a participant leader's commit carrying the coordinator's relayed
 * Request or, re-proposed by a NEW-VIEW (`carriedBatch`), its commit pre-prepare from a view it led.
 */
const honestProposalArb = fc.record({
  round: fc.nat({ max: 3 }), slot: fc.nat({ max: 4 }), txn: fc.constantFrom(t1, t2),
  how: fc.constantFrom("own" as const, "abort" as const, "relayed" as const, "carried" as const),
  flag: fc.constantFrom<Outcome>("commit", "abort"),
}).map(({ round, slot, txn, how, flag }) => {
  const view = round * 5 + slot;
  const coordinatorLeads = slot === 0;
  if (coordinatorLeads || how === "own") return prePrepare(asView(round * 5), asSeq(1), { request: signed(txn), flag });
  if (how === "abort") return prePrepare(asView(view), asSeq(1), { request: signed(txn), flag: "abort" });
  if (how === "relayed") return prePrepare(asView(view), asSeq(1), withAuthority(txn, "commit", relayed(txn,
          "commit")));
  const led = signAs(C, prePrepare(asView(round * 5), asSeq(1), { request: signed(txn), flag: "commit" }));
  return prePrepare(asView(view), asSeq(1), carriedProposal(led, asView(view), env));
});

/** The one proposal a NEW-VIEW re-proposes from a batch of one (null for a null request). */
function carriedProposal(certified: Signed<PrePrepare>, view: View, e: typeof env): Proposal | null {
  return carriedBatch(certified, view, e)[0] ?? null;
}

const participantLed = (p: PrePrepare): boolean => p.view % 5 !== 0;
const edited = (p: PrePrepare, edit: (q: Proposal) => Proposal): PrePrepare =>
  p.proposal === null ? p : prePrepare(p.view, p.seq, edit(p.proposal));
const authorityCorruptions: Record<string, (p: Proposal) => Proposal> = {
  "the flag turned to abort": (q) => ({ ...q, flag: "abort" }),
  "the authority signed by a participant": (q) => ({ ...q, authority: signAs(asNodeId(0), q.authority?.body)
        }) as Proposal,
  "the authority's signature forged": (q) =>
    ({ ...q, authority: { ...q.authority, signature: symbolicSignature(asNodeId(0)) } }) as Proposal,
  "the authority for another txn": (q) => ({ ...q, request: signed(q.request.body.id === "t1" ? t2 : t1) }),
  "the authority dropped": (q) => ({ request: q.request, flag: q.flag }),
};

describe("flag authority over honest leaders' proposals in any view", () => {
  it("accepts every proposal an honest leader makes", () => {
    fc.assert(fc.property(honestProposalArb, (p) => assert.equal(flagAuthorityProblem(p, env), null)),
      { numRuns: 300 });
  });

  for (const [name, corrupt] of Object.entries(authorityCorruptions)) {
    it(`refuses a participant leader's authorised commit with ${name}`, () => {
      const authorised = honestProposalArb.filter((p) => participantLed(p) && p.proposal?.authority !== undefined);
      fc.assert(fc.property(authorised, (p) => {
        assert.notEqual(flagAuthorityProblem(edited(p, corrupt), env), null);
      }), { numRuns: 60 });
    });
  }
});

/** What leaves the flag the coordinator's decision: the rule rightly accepts it (other checks judge the rest). */
const benign: Record<string, Benign> = {
  "the request's own signature": {
    why: "the client's signature is the receiver's and certificate's check, not this rule's",
    holds: (c) => /^request\.(signature|signer)$/.test(c.path) },
  "the client's signature inside the authority": { why: "the coordinator's signed word names a txn body; the client's "
    + "signature on it is not what authorises",
  holds: (c) => /^authority\.body\.(proposal\.)?request\.(signature|signer)$/.test(c.path) },
  "the coordinator's pre-prepare's slot": { why: "its signed commit flag for the txn is the word, whatever "
    + "coordinator-led view, slot, digest or nested authority it signed with it (only it can sign one)",
    holds: (c) => /^authority\.body\.(view|seq|digest|proposal\.authority)$/.test(c.path) },
};

describe("flag authority over every schema-derived single-field corruption (corrupt-schema.ts)", () => {
  it("refuses every corruption of a participant leader's authorised commit but the benign ones", () => {
    const authorised = honestProposalArb.filter((p) => participantLed(p) && p.proposal?.authority !== undefined);
    fc.assert(fc.property(authorised, (p) => {
      const accepts = (v: unknown): boolean =>
        flagAuthorityProblem(prePrepare(p.view, p.seq, v as Proposal), env) === null;
      const leader = asNodeId(p.view % 5 - 1);
      const judged = judge(env, leader, ProposalSchema.ast, p.proposal, accepts, benign);
      assert.ok(judged.made.length > 20, `only ${judged.made.length} corruptions made`);
      assert.ok(judged.holes.length === 0, `accepted corruptions:\n  ${describeHoles(judged.holes)}`);
    }), { numRuns: 40 });
  });
});
