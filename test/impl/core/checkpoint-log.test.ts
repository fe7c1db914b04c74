/**
 * provenDigest (impl/core/checkpoint-log.ts), the check behind stable checkpoints,
 * VIEW-CHANGE checkpoint proofs and state transfer: Q matching CHECKPOINTs from
 * distinct participants prove their digest; every single-field corruption proves nothing.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { makeProtocolConfig } from "../../../spec/config.js";
import type { Checkpoint, Digest, Seq, Signed } from "../../../spec/messages.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { provenDigest } from "../../../impl/core/checkpoint-log.js";
import { emptyReplica } from "../../../impl/core/replica.js";
import type { Env } from "../../../impl/core/types.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

interface Proof {
  readonly env: Env;
  readonly seq: Seq;
  readonly digest: Digest;
  readonly proof: Signed<Checkpoint>[];
}

const hexDigit = fc.constantFrom(..."0123456789abcdef".split(""));

/** Q or more participants, in any order, each signing CHECKPOINT(seq, digest) once. */
const honestArb: fc.Arbitrary<Proof> = fc.record({
  f: fc.constantFrom(1, 2), seq: fc.integer({ min: 1, max: 20 }).map(asSeq),
  digest: fc.string({ unit: hexDigit, minLength: 16, maxLength: 16 }).map(asDigest),
  extra: fc.nat(), shuffle: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
}).map(({ f, seq, digest, extra, shuffle }) => {
  const n = 3 * f + 1;
  const env: Env = { config: makeProtocolConfig(n, f), verify: verifySymbolic, digest: digestSymbolic };
  const ids = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => (shuffle[a] ?? 0) - (shuffle[b] ?? 0) || a - b);
  const count = env.config.quorum + (extra % (n - env.config.quorum + 1));
  const proof = ids.slice(0, count).map((id) => signAs(asNodeId(id), { kind: "Checkpoint" as const, seq, stateDigest:
          digest }));
  return { env, seq, digest, proof };
});

const first = (p: Proof, edit: (c: Signed<Checkpoint>) => Signed<Checkpoint>): Signed<Checkpoint>[] =>
  p.proof.map((c, i) => (i === 0 ? edit(c) : c));

/** Each changes one field of an honest proof (or the seq it is read for). */
const corruptions: Record<string, (p: Proof) => { seq: number; proof: Signed<Checkpoint>[] }> = {
  "read for another seq": (p) => ({ seq: p.seq + 1, proof: p.proof }),
  "a checkpoint for another seq": (p) =>
    ({ seq: asSeq(p.seq), proof: first(p, (c) => signAs(c.signer, { ...c.body, seq: asSeq(p.seq + 1) })) }),
  "a checkpoint with another digest": (p) =>
    ({ seq: asSeq(p.seq), proof: first(p, (c) => signAs(c.signer, { ...c.body, stateDigest: asDigest(`${p.digest}x`)
                })) }),
  "a forged signature": (p) => ({ seq: asSeq(p.seq), proof: first(p, (c) => ({ ...c, signature: `${c.signature}!` }))
        }),
  "a non-participant signer": (p) =>
    ({ seq: asSeq(p.seq), proof: first(p, (c) => signAs(asNodeId(p.env.config.participantCount), c.body)) }),
  "one signer twice": (p) => ({ seq: asSeq(p.seq), proof: [p.proof[0] as Signed<Checkpoint>, ...p.proof.slice(0, -1)]
        }),
  "one checkpoint short of Q": (p) => ({ seq: asSeq(p.seq), proof: p.proof.slice(0, p.env.config.quorum - 1) }),
};

describe("provenDigest (impl/core/checkpoint-log.ts)", () => {
  it("proves the digest of every honest proof, whatever its order and size from Q up", () => {
    fc.assert(fc.property(honestArb, (p) => {
      assert.equal(provenDigest(asSeq(p.seq), p.proof, p.env), p.digest);
    }), { numRuns: 300 });
  });

  it("proves the initial state at seq 0 with no proof, and nothing with one", () => {
    fc.assert(fc.property(honestArb, (p) => {
      assert.equal(provenDigest(asSeq(0), [], p.env), p.env.digest(emptyReplica));
      assert.equal(provenDigest(asSeq(0), p.proof, p.env), null);
    }), { numRuns: 20 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`proves nothing with ${name}`, () => {
      fc.assert(fc.property(honestArb, (p) => {
        const bad = corrupt(p);
        assert.equal(provenDigest(asSeq(bad.seq), bad.proof, p.env), null);
      }), { numRuns: 100 });
    });
  }
});
