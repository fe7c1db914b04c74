/**
 * certificateProblem (impl/core/certificate.ts), the check that decides whether a
 * prepared certificate carried in a VIEW-CHANGE or NEW-VIEW proves anything: every
 * certificate an honest quorum builds passes, and every single-field corruption of
 * one fails (so a reader never trusts it, and never convicts an honest carrier).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import type { Outcome, PreparedCertificate, Signed, Prepare, PrePrepare } from "../../../spec/messages.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { assertFullCertificate, certificateProblem } from "../../../impl/core/certificate.js";
import { AssertionFailure } from "../../../impl/core/assert.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import { leaderOf } from "../../../impl/core/quorum.js";
import type { Env } from "../../../impl/core/types.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import { PreparedCertificate as PreparedCertificateSchema } from "../../../spec/messages.js";
import type { Corruption as SchemaCorruption } from "../../../checker/model/corrupt-schema.js";
import { describeHoles, judge, type Benign } from "../../support/corruption.js";

interface Built { readonly env: Env; readonly carrier: number; readonly cert: PreparedCertificate }

/**
 * An honest certificate: the view's leader pre-prepares a client-signed txn (a
 * participant leader proposes abort only, the presumed abort every rule allows), and
 * Q-1 or more distinct participants other than the carrier prepare it, by signer.
 */
const honestArb: fc.Arbitrary<Built> = fc.record({
  f: fc.constantFrom(1, 2), viewSlot: fc.nat(), round: fc.nat({ max: 2 }), seq: fc.integer({ min: 1, max: 8
        }).map(asSeq),
  carrierPick: fc.nat(), flag: fc.constantFrom<Outcome>("commit", "abort"), extra: fc.nat(), order: fc.nat(),
}).map(({ f, viewSlot, round, seq, carrierPick, flag, extra, order }) => {
  const n = 3 * f + 1;
  const env: Env = { config: makeProtocolConfig(n, f), verify: verifySymbolic, digest: digestSymbolic };
  const view = asView(round * (n + 1) + (viewSlot % (n + 1)));
  const leader = leaderOf(view, n);
  const proposal = {
    request: signAs(clientId(env.config), { id: `t${seq}`, writes: [{ key: "k", value: "v" }], reads: [] }),
    flag: leader === n ? flag : "abort" as const,
  };
  const body: PrePrepare = { kind: "PrePrepare", view, seq, digest: proposalDigest(proposal, env), proposal };
  const carrier = carrierPick % n;
  const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== carrier);
  const rotated = [...others.slice(order % others.length), ...others.slice(0, order % others.length)];
  const count = env.config.quorum - 1 + (extra % (others.length - env.config.quorum + 2));
  const signers = rotated.slice(0, count).sort((a, b) => a - b);
  const prepares = signers.map((s) => signAs(asNodeId(s), { kind: "Prepare" as const, view, seq, digest: body.digest
          }));
  return { env, carrier, cert: { prePrepare: signAs(leader, body), prepares } };
});

type Corruption = (b: Built) => PreparedCertificate;

const withPrepare = (b: Built, edit: (p: Signed<Prepare>) => Signed<Prepare>): PreparedCertificate =>
  ({ ...b.cert, prepares: b.cert.prepares.map((p, i) => (i === 0 ? edit(p) : p)) });
const forged = <M>(s: Signed<M>): Signed<M> => ({ ...s, signature: `${s.signature}!` });

/** Each changes one field of an honest certificate, so that it no longer proves Q participants prepared. */
const corruptions: Record<string, Corruption> = {
  "pre-prepare signed by a non-leader": (b) => {
    const n = b.env.config.participantCount;
    const other = (b.cert.prePrepare.signer + 1) % (n + 1);
    return { ...b.cert, prePrepare: signAs(asNodeId(other), b.cert.prePrepare.body) };
  },
  "pre-prepare's signature forged": (b) => ({ ...b.cert, prePrepare: forged(b.cert.prePrepare) }),
  "pre-prepare's digest not its body's": (b) =>
    ({ ...b.cert, prePrepare: { ...b.cert.prePrepare, body: { ...b.cert.prePrepare.body, digest:
              asDigest("0".repeat(16)) } } }),
  "request signed by a participant, not the client": (b) => {
    const pp = b.cert.prePrepare.body;
    if (pp.proposal === null) throw new Error("honest certificates carry a txn");
    const proposal = { ...pp.proposal, request: signAs(asNodeId(0), pp.proposal.request.body) };
    const body = { ...pp, proposal, digest: proposalDigest(proposal, b.env) };
    return { prePrepare: signAs(b.cert.prePrepare.signer, body), prepares: b.cert.prepares.map((p) =>
      signAs(p.signer, { ...p.body, digest: body.digest })) };
  },
  "a prepare for another view": (b) => withPrepare(b, (p) => signAs(p.signer, { ...p.body, view: asView(p.body.view +
            1) })),
  "a prepare for another seq": (b) => withPrepare(b, (p) => signAs(p.signer, { ...p.body, seq: asSeq(p.body.seq + 1)
          })),
  "a prepare for another digest": (b) => withPrepare(b, (p) => signAs(p.signer, { ...p.body, digest:
          asDigest("f".repeat(16)) })),
  "a prepare's signature forged": (b) => withPrepare(b, forged),
  "a prepare signed by the carrier": (b) => withPrepare(b, (p) => signAs(asNodeId(b.carrier), p.body)),
  "a prepare signed by a non-participant": (b) => withPrepare(b, (p) => signAs(asNodeId(b.env.config.participantCount),
        p.body)),
  "one signer counted twice": (b) =>
    ({ ...b.cert, prepares: [b.cert.prepares[0] as Signed<Prepare>, ...b.cert.prepares.slice(0, -1)] }),
  "one prepare short of the quorum": (b) =>
    ({ ...b.cert, prepares: b.cert.prepares.slice(0, b.env.config.quorum - 2) }),
};

describe("certificateProblem (impl/core/certificate.ts)", () => {
  it("accepts every certificate an honest quorum builds", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.equal(certificateProblem(b.cert, asNodeId(b.carrier), b.env), null);
    }), { numRuns: 300 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`rejects an honest certificate with ${name}`, () => {
      fc.assert(fc.property(honestArb, (b) => {
        const problem = certificateProblem(corrupt(b), asNodeId(b.carrier), b.env);
        assert.match(problem ?? "accepted", new RegExp(`^certificate s${b.cert.prePrepare.body.seq}: `));
      }), { numRuns: 100 });
    });
  }
});

/** The prepares' signers of a corrupted certificate: distinct participants other than the carrier, ascending. */
const honestSigners = (c: SchemaCorruption, b: Built): boolean => {
  const cert = c.value as PreparedCertificate;
  const signers = cert.prepares.map((p) => p.signer);
  return signers.every((s, i) => s < b.env.config.participantCount && s !== b.carrier && (i === 0 ||
    s > (signers[i - 1] as number))) && cert.prepares.length >= b.env.config.quorum - 1;
};

/** What an honest quorum could have built as well: the check rightly accepts it. */
const benignFor = (b: Built): Record<string, Benign> => ({
  "a prepare's signer swapped": { why: "another participant's valid PREPARE: still Q-1 distinct non-carriers",
    holds: (c) => /^prepares\[\d+\]\.signer$/.test(c.path) && c.change.startsWith("signed by") && honestSigners(c, b) },
  "a prepare dropped": { why: "the certificate held more than Q-1 PREPAREs: Q-1 remain",
    holds: (c) => /^prepares\[\d+\]$/.test(c.path) && c.change === "dropped" && honestSigners(c, b) },
});

describe("certificateProblem over every schema-derived single-field corruption (corrupt-schema.ts)", () => {
  it("rejects every corruption of an honest certificate but the benign ones", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const accepts = (v: unknown): boolean => certificateProblem(v as PreparedCertificate, asNodeId(b.carrier),
        b.env) === null;
      const judged = judge(b.env, b.carrier, PreparedCertificateSchema.ast, b.cert, accepts, benignFor(b));
      assert.ok(judged.made.length > 20, `only ${judged.made.length} corruptions made`);
      assert.ok(judged.holes.length === 0, `accepted corruptions:\n  ${describeHoles(judged.holes)}`);
    }), { numRuns: 60 });
  });
});

describe("assertFullCertificate (impl/core/certificate.ts), the core's own check of the P set it carries", () => {
  it("passes every certificate an honest quorum builds", () => {
    fc.assert(fc.property(honestArb, (b) => assertFullCertificate(b.cert, b.env, "test")), { numRuns: 100 });
  });

  const short = ["a prepare for another view", "a prepare for another seq", "a prepare for another digest",
    "one prepare short of the quorum"];
  for (const name of short) {
    it(`throws on a certificate with ${name}`, () => {
      const corrupt = corruptions[name] as Corruption;
      fc.assert(fc.property(honestArb, (b) => {
        assert.throws(() => assertFullCertificate(corrupt(b), b.env, "test"), AssertionFailure);
      }), { numRuns: 50 });
    });
  }
});
