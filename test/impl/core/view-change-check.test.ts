/**
 * viewChangeProblem (impl/core/view-change-check.ts), the check every node runs on a
 * VIEW-CHANGE it counts or finds in a NEW-VIEW: every VIEW-CHANGE an honest
 * participant builds passes (else an honest reader would prove an honest sender
 * faulty, I5), and every single-field corruption fails.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import type { PreparedCertificate, PrePrepare, Signed, Txn, ViewChange } from "../../../spec/messages.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/symbolic-crypto.js";
import { proposalDigest } from "../../../impl/core/digests.js";
import { leaderOf } from "../../../impl/core/quorum.js";
import type { Env } from "../../../impl/core/types.js";
import { viewChangeProblem } from "../../../impl/core/view-change-check.js";

interface Built { readonly env: Env; readonly vc: Signed<ViewChange> }

const txn = (id: string): Txn => ({ id, writes: [{ key: "k", value: id }], reads: [] });

/**
 * A certificate for `seq` from `view`: its leader's pre-prepare (abort unless C leads:
 * presumed abort needs no authority) and the PREPAREs of the others but the carrier.
 */
function certificate(env: Env, carrier: number, seq: number, view = 0): PreparedCertificate {
  const n = env.config.participantCount;
  const leader = leaderOf(view, n);
  const flag = leader === n ? "commit" as const : "abort" as const;
  const proposal = { request: signAs(clientId(env.config), txn(`t${seq}`)), flag };
  const body: PrePrepare = { kind: "PrePrepare", view, seq, digest: proposalDigest(proposal, env), proposal };
  const signers = Array.from({ length: n }, (_, i) => i).filter((i) => i !== carrier).slice(0, env.config.quorum - 1);
  const prepares = signers.map((s) => signAs(s, { kind: "Prepare" as const, view, seq, digest: body.digest }));
  return { prePrepare: signAs(leader, body), prepares };
}

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
  const n = 3 * f + 1;
  const env: Env = { config: makeProtocolConfig(n, f), verify: verifySymbolic, digest: digestSymbolic };
  const signer = signerPick % n;
  const stableSeq = stable ? env.config.checkpointInterval : 0;
  const checkpointProof = stable ? Array.from({ length: env.config.quorum }, (_, i) =>
    signAs(i, { kind: "Checkpoint" as const, seq: stableSeq, stateDigest: "c".repeat(16) })) : [];
  const prepared = Array.from({ length: certificates }, (_, i) => certificate(env, signer, stableSeq + 1 + i));
  const requests = Array.from({ length: pending }, (_, i) => signAs(clientId(env.config), txn(`p${i}`)));
  const body: ViewChange = { kind: "ViewChange", view, stableSeq, checkpointProof, prepared, pending: requests };
  return { env, vc: signAs(signer, body) };
});

type Body = ViewChange;
const edit = (b: Built, change: (body: Body) => Body): Signed<ViewChange> => signAs(b.vc.signer, change(b.vc.body));

const corruptions: Record<string, (b: Built) => Signed<ViewChange>> = {
  "a non-participant signer": (b) => signAs(b.env.config.participantCount, b.vc.body),
  "view 0": (b) => edit(b, (v) => ({ ...v, view: 0 })),
  "a checkpoint claimed without its proof": (b) =>
    edit(b, (v) => ({ ...v, stableSeq: v.stableSeq + b.env.config.checkpointInterval, checkpointProof: [] })),
  "certificates out of order": (b) => edit(b, (v) => ({ ...v, prepared: [...v.prepared].reverse() })),
  "one certificate twice": (b) =>
    edit(b, (v) => ({ ...v, prepared: [v.prepared[0] as PreparedCertificate, ...v.prepared] })),
  "a certificate from the view it asks for": (b) => edit(b, (v) => ({ ...v, prepared: v.prepared.map((c, i) =>
    (i === 0 ? certificate(b.env, b.vc.signer, c.prePrepare.body.seq, v.view) : c)) })),
  "a certificate short of its quorum": (b) => edit(b, (v) => ({ ...v, prepared: v.prepared.map((c, i) =>
    (i === 0 ? { ...c, prepares: c.prepares.slice(1) } : c)) })),
  "pending requests out of order": (b) => edit(b, (v) => ({ ...v, pending: [...v.pending].reverse() })),
  "a pending request not signed by the client": (b) => edit(b, (v) => ({ ...v, pending: v.pending.map((r, i) =>
    (i === 0 ? signAs(0, r.body) : r)) })),
};

describe("viewChangeProblem (impl/core/view-change-check.ts)", () => {
  it("accepts every VIEW-CHANGE an honest participant builds", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.equal(viewChangeProblem(b.vc, b.env), null);
    }), { numRuns: 200 });
  });

  it("accepts the smallest honest VIEW-CHANGE: no checkpoint, no certificates, nothing pending", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const bare = edit(b, (v) => ({ ...v, stableSeq: 0, checkpointProof: [], prepared: [], pending: [] }));
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
