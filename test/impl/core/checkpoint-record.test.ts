/**
 * Recording CHECKPOINTs (impl/core/checkpoint-log.ts, `onCheckpointMessage` and its
 * `recordCheckpoint`): Q honest participants' CHECKPOINTs for one seq, delivered in any
 * order, make it stable exactly at the Q-th, with a proof `provenDigest` accepts; every
 * single-field corruption of one of exactly Q leaves the seq unstable.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Checkpoint, Signed } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { onCheckpointMessage, provenDigest, type StableCheckpoint } from "../../../impl/core/checkpoint-log.js";
import type { Env, Output } from "../../../impl/core/types.js";
import { honestEnv } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";
import type { Seq } from "../../../spec/ids.js";

interface Holder {
  readonly lowWatermark: Seq;
  readonly checkpoints: readonly Signed<Checkpoint>[];
  readonly proven: number;
  readonly stable: StableCheckpoint | null;
}

interface Built { readonly env: Env; readonly seq: Seq; readonly messages: Signed<Checkpoint>[] }

/** Exactly Q distinct participants, in any order, each signing CHECKPOINT(seq, digest) for a seq on the K grid. */
const honestArb: fc.Arbitrary<Built> = fc.record({
  f: fc.constantFrom(1, 2), round: fc.integer({ min: 1, max: 3 }),
  order: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
}).map(({ f, round, order }) => {
  const env = honestEnv(f);
  const seq = asSeq(round * env.config.checkpointInterval);
  const ids = Array.from({ length: env.config.participantCount }, (_, i) => i)
    .sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b).slice(0, env.config.quorum);
  return { env, seq, messages: ids.map((id) => signAs(asNodeId(id), { kind: "Checkpoint" as const, seq, stateDigest:
            asDigest("d") })) };
});

/** Delivers `messages` in order; returns the holder after and every output. */
function deliver(env: Env, messages: readonly Signed<Checkpoint>[]): { holder: Holder; out: Output[] } {
  let holder: Holder = { lowWatermark: asSeq(0), checkpoints: [], proven: 0, stable: null };
  const out: Output[] = [];
  for (const m of messages) {
    const r = onCheckpointMessage(holder, m, env, (s, stable) => ({ state: { ...s, stable }, out: [] }));
    holder = r.state;
    out.push(...r.out);
  }
  return { holder, out };
}

const first = (b: Built, edit: (c: Signed<Checkpoint>) => Signed<Checkpoint>): Signed<Checkpoint>[] =>
  b.messages.map((c, i) => (i === 0 ? edit(c) : c));

const corruptions: Record<string, (b: Built) => Signed<Checkpoint>[]> = {
  "another digest": (b) => first(b, (c) => signAs(c.signer, { ...c.body, stateDigest: asDigest("e") })),
  "another seq": (b) => first(b, (c) => signAs(c.signer, { ...c.body, seq: asSeq(b.seq +
            b.env.config.checkpointInterval) })),
  "a seq off the K grid": (b) => first(b, (c) => signAs(c.signer, { ...c.body, seq: asSeq(b.seq + 1) })),
  "a non-participant signer": (b) => first(b, (c) => signAs(asNodeId(b.env.config.participantCount), c.body)),
  "one signer twice": (b) => [b.messages[0] as Signed<Checkpoint>, ...b.messages.slice(0, -1)],
};

describe("recording CHECKPOINTs (impl/core/checkpoint-log.ts)", () => {
  it("makes a seq stable at the Q-th honest CHECKPOINT, with a proof provenDigest accepts", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.equal(deliver(b.env, b.messages.slice(0, -1)).holder.stable, null, "not before the Q-th");
      const { holder, out } = deliver(b.env, b.messages);
      assert.deepEqual(out, []);
      assert.equal(holder.stable?.seq, b.seq);
      assert.equal(provenDigest(asSeq(b.seq), holder.stable?.proof ?? [], b.env), "d");
    }), { numRuns: 100 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`leaves the seq unstable when one of exactly Q has ${name}`, () => {
      fc.assert(fc.property(honestArb, (b) => {
        assert.equal(deliver(b.env, corrupt(b)).holder.stable, null);
      }), { numRuns: 50 });
    });
  }

  it("proves a signer's second digest for one seq as equivocation", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const m = b.messages[0] as Signed<Checkpoint>;
      const { holder, out } = deliver(b.env, [m, signAs(m.signer, { ...m.body, stateDigest: asDigest("e") })]);
      const proof = out.find((o) => o.kind === "Report" && o.evidence.grade === "proven");
      assert.ok(proof?.kind === "Report" && proof.evidence.against === m.signer);
      assert.notEqual(holder.proven & (1 << m.signer), 0);
    }), { numRuns: 30 });
  });
});
