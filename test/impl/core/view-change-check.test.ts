/**
 * viewChangeProblem (impl/core/view-change-check.ts), the check every node runs on a
 * VIEW-CHANGE it counts or finds in a NEW-VIEW: every VIEW-CHANGE an honest
 * participant builds passes (else an honest reader would prove an honest sender
 * faulty, I5), and every single-field corruption fails.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { PreparedCertificate, Signed, ViewChange } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import type { Env } from "../../../impl/core/types.js";
import { viewChangeProblem } from "../../../impl/core/view-change-check.js";
import { certificate, honestEnv, viewChange } from "../../support/honest-messages.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";
import { SignedMessage } from "../../../spec/messages.js";
import { describeHoles, judge, swappedTo, type Benign } from "../../support/corruption.js";

interface Built { readonly env: Env; readonly vc: Signed<ViewChange> }

/**
 * An honest VIEW-CHANGE for view >= 1: a stable checkpoint at 0 (no proof) or at K
 * (Q matching CHECKPOINTs), view-0 certificates for the next seqs, and the client's
 * pending requests sorted by id. Two certificates and two requests at least, so that
 * every corruption below has something to corrupt.
 */
const honestArb: fc.Arbitrary<Built> = fc.record({
  f: fc.constantFrom(1, 2), signerPick: fc.nat(), view: fc.integer({ min: 1, max: 9 }), stable: fc.boolean(),
  certificates: fc.integer({ min: 2, max: 3 }), pending: fc.integer({ min: 2, max: 3 }),
}).map(({ f, signerPick, view, stable, certificates, pending }) => {
  const env = honestEnv(f);
  const stableSeq = stable ? env.config.checkpointInterval : 0;
  const preparedSeqs = Array.from({ length: certificates }, (_, i) => stableSeq + 1 + i);
  const pendingIds = Array.from({ length: pending }, (_, i) => `p${i}`);
  const signer = signerPick % env.config.participantCount;
  return { env, vc: viewChange(env, asNodeId(signer), { view: asView(view), stableSeq: asSeq(stableSeq), preparedSeqs,
          pendingIds }) };
});

const edit = (b: Built, change: (body: ViewChange) => ViewChange): Signed<ViewChange> =>
  signAs(b.vc.signer, change(b.vc.body));

const corruptions: Record<string, (b: Built) => Signed<ViewChange>> = {
  "a non-participant signer": (b) => signAs(asNodeId(b.env.config.participantCount), b.vc.body),
  "view 0": (b) => edit(b, (v) => ({ ...v, view: asView(0) })),
  "a checkpoint claimed without its proof": (b) =>
    edit(b, (v) => ({ ...v, stableSeq: asSeq(v.stableSeq + b.env.config.checkpointInterval), checkpointProof: [] })),
  "certificates out of order": (b) => edit(b, (v) => ({ ...v, prepared: [...v.prepared].reverse() })),
  "one certificate twice": (b) =>
    edit(b, (v) => ({ ...v, prepared: [v.prepared[0] as PreparedCertificate, ...v.prepared] })),
  "a certificate from the view it asks for": (b) => edit(b, (v) => ({ ...v, prepared: v.prepared.map((c, i) =>
    (i === 0 ? certificate(b.env, b.vc.signer, c.prePrepare.body.seq, v.view) : c)) })),
  "a certificate short of its quorum": (b) => edit(b, (v) => ({ ...v, prepared: v.prepared.map((c, i) =>
    (i === 0 ? { ...c, prepares: c.prepares.slice(1) } : c)) })),
  "pending requests out of order": (b) => edit(b, (v) => ({ ...v, pending: [...v.pending].reverse() })),
  "a pending request not signed by the client": (b) => edit(b, (v) => ({ ...v, pending: v.pending.map((r, i) =>
    (i === 0 ? signAs(asNodeId(0), r.body) : r)) })),
};

describe("viewChangeProblem (impl/core/view-change-check.ts)", () => {
  it("accepts every VIEW-CHANGE an honest participant builds", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.equal(viewChangeProblem(b.vc, b.env), null);
    }), { numRuns: 200 });
  });

  it("accepts the smallest honest VIEW-CHANGE: no checkpoint, no certificates, nothing pending", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const bare = edit(b, (v) => ({ ...v, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending: [] }));
      assert.equal(viewChangeProblem(bare, b.env), null);
    }), { numRuns: 20 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`rejects an honest VIEW-CHANGE with ${name}`, () => {
      fc.assert(fc.property(honestArb, (b) => {
        assert.notEqual(viewChangeProblem(corrupt(b), b.env), null);
      }), { numRuns: 100 });
    });
  }
});

/** What an honest participant could have sent as well: the check rightly accepts it. */
const benignFor = (b: Built): Record<string, Benign> => ({
  "the envelope's signature or signer": { why: "the caller verifies the envelope (viewChangeProblem's contract); "
    + "another participant, none of the certificates' preparers, may send the same",
  holds: (c) => c.path === "signature" ||
    (c.path === "signer" && (swappedTo(c) ?? Infinity) < b.env.config.participantCount) },
  "another participant's CHECKPOINT": { why: "a valid CHECKPOINT of another participant: still Q distinct ones",
    holds: (c) => /^body\.checkpointProof\[\d+\]\.signer$/.test(c.path) && c.change.startsWith("signed by") },
  "another view asked for": { why: "any view above its certificates' views may be asked for",
    holds: (c) => c.path === "body.view" },
  "a certificate or pending request left out": { why: "no reader knows what the sender held: a lagging one holds less",
    holds: (c) => /^body\.(prepared|pending)\[\d+\]$/.test(c.path) && c.change.startsWith("dropped") },
  "another participant's PREPARE": { why: "a valid PREPARE of another participant: still Q-1 distinct non-carriers",
    holds: (c) => /prepares\[\d+\]\.signer$/.test(c.path) && c.change.startsWith("signed by") },
  "another txn the client signed": { why: "any txn the client signed may be pending (order is checked)",
    holds: (c) => (/^body\.pending\[\d+\]\.body\./.test(c.path) && c.change.endsWith("re-signed, re-signed")) ||
      (/^body\.pending\[\d+\]$/.test(c.path) && c.change.startsWith("replaced by a known one")) },
});

describe("viewChangeProblem over every schema-derived single-field corruption (corrupt-schema.ts)", () => {
  it("rejects every corruption of an honest VIEW-CHANGE but the benign ones", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const accepts = (v: unknown): boolean => viewChangeProblem(v as Signed<ViewChange>, b.env) === null;
      const judged = judge(b.env, b.vc.signer, SignedMessage.ast, b.vc, accepts, benignFor(b));
      assert.ok(judged.made.length > 50, `only ${judged.made.length} corruptions made`);
      assert.ok(judged.holes.length === 0, `accepted corruptions:\n  ${describeHoles(judged.holes)}`);
    }), { numRuns: 30 });
  });
});
