/**
 * newViewProblem (impl/core/new-view.ts), how a participant judges a NEW-VIEW: by
 * recomputing its pre-prepares from the VIEW-CHANGEs it carries (PBFT §4.4). Every
 * NEW-VIEW an honest leader builds from Q honest VIEW-CHANGEs passes, and every
 * single-field corruption of one fails (a failure is proof against the leader).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { NewView, PrePrepare, Signed, ViewChange } from "../../../spec/messages.js";
import { buildNewView, newViewPrePrepares, newViewProblem } from "../../../impl/core/new-view.js";
import type { Env } from "../../../impl/core/types.js";
import { honestEnv, viewChange } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import { NewView as NewViewSchema } from "../../../spec/messages.js";
import { leaderOf } from "../../../impl/core/quorum.js";
import { viewChangeProblem } from "../../../impl/core/view-change-check.js";
import { canonicalJson } from "../../../spec/canonical.js";
import { describeHoles, judge, type Benign } from "../../support/corruption.js";

interface Built { readonly env: Env; readonly nv: NewView }

/**
 * Q participants (or more: the leader keeps the first Q by signer) ask for view v,
 * each holding view-0 certificates for some of seqs 1..3 and knowing some pending
 * requests; at least one certificate, so the NEW-VIEW re-proposes something.
 */
const honestArb: fc.Arbitrary<Built> = fc.record({
  f: fc.constantFrom(1, 2), view: fc.integer({ min: 1, max: 9 }),
  holds: fc.array(fc.tuple(fc.subarray([1, 2, 3]), fc.subarray(["p1", "p2"])), { minLength: 7, maxLength: 7 }),
}).map(({ f, view, holds }) => {
  const env = honestEnv(f);
  const signers = Array.from({ length: env.config.participantCount }, (_, i) => i);
  const viewChanges = signers.map((signer, i) => {
    const [held, pendingIds] = holds[i] ?? [[], []];
    const preparedSeqs = i === 0 ? [1, ...held.filter((s) => s !== 1)] : held;
    return viewChange(env, asNodeId(signer), { view: asView(view), stableSeq: asSeq(0), preparedSeqs, pendingIds });
  });
  const nv = buildNewView(asView(view), viewChanges, env);
  if (nv === null) throw new Error("Q view-changes build a NEW-VIEW");
  return { env, nv };
});

const withPrePrepare = (b: Built, edit: (p: PrePrepare) => PrePrepare): NewView =>
  ({ ...b.nv, prePrepares: b.nv.prePrepares.map((p, i) => (i === 0 ? edit(p) : p)) });

const corruptions: Record<string, (b: Built) => NewView> = {
  "one VIEW-CHANGE short of Q": (b) => ({ ...b.nv, viewChanges: b.nv.viewChanges.slice(1) }),
  "VIEW-CHANGEs out of signer order": (b) => ({ ...b.nv, viewChanges: [...b.nv.viewChanges].reverse() }),
  "a VIEW-CHANGE for another view": (b) => ({ ...b.nv, view: asView(b.nv.view + 1) }),
  "a VIEW-CHANGE's signature forged": (b) => ({ ...b.nv, viewChanges: b.nv.viewChanges.map(
    (vc, i): Signed<ViewChange> => (i === 0 ? { ...vc, signature: `${vc.signature}!` } : vc)) }),
  "a re-proposed txn nulled": (b) => withPrePrepare(b, (p) => ({ ...p, proposal: null })),
  "a pre-prepare for another seq": (b) => withPrePrepare(b, (p) => ({ ...p, seq: asSeq(p.seq + 10) })),
  "a pre-prepare with another digest": (b) => withPrePrepare(b, (p) => ({ ...p, digest: asDigest("0".repeat(16)) })),
  "a pre-prepare dropped": (b) => ({ ...b.nv, prePrepares: b.nv.prePrepares.slice(1) }),
  "a pre-prepare added": (b) =>
    ({ ...b.nv, prePrepares: [...b.nv.prePrepares, { ...(b.nv.prePrepares[0] as PrePrepare), seq: asSeq(99) }] }),
};

describe("newViewProblem (impl/core/new-view.ts)", () => {
  it("accepts every NEW-VIEW an honest leader builds from Q honest VIEW-CHANGEs", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.equal(b.nv.viewChanges.length, b.env.config.quorum);
      assert.equal(newViewProblem(b.nv, b.env), null);
    }), { numRuns: 200 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`rejects an honest NEW-VIEW with ${name}`, () => {
      fc.assert(fc.property(honestArb, (b) => {
        assert.notEqual(newViewProblem(corrupt(b), b.env), null);
      }), { numRuns: 100 });
    });
  }
});

/** What an honest leader could have built as well: the check rightly accepts it. */
const benignFor = (b: Built): Record<string, Benign> => ({
  "another sound VIEW-CHANGE mandating the same pre-prepares": {
    why: "a set of Q sound VIEW-CHANGEs (another participant's, one knowing another pending txn) that derives "
      + "the very pre-prepares carried is a NEW-VIEW an honest leader could build",
    holds: (c) => {
      const nv = c.value as NewView;
      const derived = newViewPrePrepares(nv.view, nv.viewChanges, b.env);
      return /^viewChanges\[\d+\]\.(body|signer)/.test(c.path) && nv.viewChanges.every((vc) =>
        viewChangeProblem(vc, b.env) === null) && canonicalJson(derived) === canonicalJson(b.nv.prePrepares);
    },
  },
});

describe("newViewProblem over every schema-derived single-field corruption (corrupt-schema.ts)", () => {
  it("rejects every corruption of an honest NEW-VIEW but the benign ones", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const accepts = (v: unknown): boolean => newViewProblem(v as NewView, b.env) === null;
      const leader = leaderOf(b.nv.view, b.env.config.participantCount);
      const judged = judge(b.env, leader, NewViewSchema.ast, b.nv, accepts, benignFor(b));
      assert.ok(judged.made.length > 50, `only ${judged.made.length} corruptions made`);
      assert.ok(judged.holes.length === 0, `accepted corruptions:\n  ${describeHoles(judged.holes)}`);
    }), { numRuns: 10 });
  });
});

describe("newViewPrePrepares (impl/core/new-view.ts)", () => {
  it("re-proposes each certified seq's txn, nulls other seqs up to the highest, then orphans flagged abort", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const vcs = b.nv.viewChanges.map((vc) => vc.body);
      const certified = new Set(vcs.flatMap((vc) => vc.prepared.map((c) => c.prePrepare.body.seq)));
      const maxSeq = Math.max(...certified);
      const derived = newViewPrePrepares(b.nv.view, b.nv.viewChanges, b.env);
      for (const pp of derived.filter((p) => p.seq <= maxSeq)) {
        assert.equal(pp.view, b.nv.view);
        assert.equal(pp.proposal?.request.body.id ?? null, certified.has(pp.seq) ? `t${pp.seq}` : null);
      }
      const survivors = new Set([...certified].map((seq) => `t${seq}`));
      const pending = [...new Set(vcs.flatMap((vc) => vc.pending.map((r) => r.body.id)))];
      // Orphans fill the window (h = 0 here) and no further: the window bounds every log.
      const orphans = pending.filter((id) => !survivors.has(id)).sort().slice(0, b.env.config.windowSize - maxSeq);
      const tail = derived.filter((p) => p.seq > maxSeq);
      assert.deepEqual(tail.map((p) => p.seq), orphans.map((_, i) => maxSeq + 1 + i));
      const proposals = tail.map((p) => [p.proposal?.request.body.id, p.proposal?.flag]);
      assert.deepEqual(proposals, orphans.map((id) => [id, "abort"]));
    }), { numRuns: 200 });
  });

  it("is what the honest leader's NEW-VIEW carries, whatever the order of its VIEW-CHANGEs' certificates", () => {
    fc.assert(fc.property(honestArb, (b) => {
      assert.deepEqual(newViewPrePrepares(b.nv.view, b.nv.viewChanges, b.env), b.nv.prePrepares);
      const reordered = b.nv.viewChanges.map((vc) =>
        ({ ...vc, body: { ...vc.body, prepared: [...vc.body.prepared].reverse() } }));
      assert.deepEqual(newViewPrePrepares(b.nv.view, reordered, b.env), b.nv.prePrepares);
    }), { numRuns: 100 });
  });
});
