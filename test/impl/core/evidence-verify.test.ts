/**
 * verifyEvidence (impl/core/evidence-verify.ts), the one judge of proof: what each
 * reason needs, and the holes it closes — an empty proof, a proof signed by someone
 * else, a forged signature, and two relayed Requests keyed by a view and seq they do
 * not have.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { makeProtocolConfig } from "../../../spec/config.js";
import type { Message, Proposal, SignedMessage, Txn } from "../../../spec/messages.js";
import { verifyEvidence } from "../../../impl/core/evidence-verify.js";
import type { Env, Evidence, EvidenceReason } from "../../../impl/core/types.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { Digest, NodeId, Seq, View } from "../../../spec/ids.js";

const config = makeProtocolConfig(4, 1);
const env: Env = { config, verify: verifySymbolic, digest: digestSymbolic };
const coordinator = 4;
const client = 5;

const txn = (id: string): Txn => ({ id, writes: [{ key: "x", value: id }], reads: [] });
const request = (id: string) => signAs(asNodeId(client), txn(id));
const proposal = (id: string, flag: "commit" | "abort" = "commit"): Proposal => ({ request: request(id), flag });
const prePrepare = (signer: NodeId, view: View, seq: Seq, p: Proposal | null): SignedMessage =>
  signAs<Message>(asNodeId(signer), { kind: "PrePrepare", view: asView(view), seq: asSeq(seq), digest: env.digest(p),
        proposal: p });
const prepare = (signer: NodeId, digest: Digest): SignedMessage =>
  signAs<Message>(asNodeId(signer), { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest(digest) });

function proven(against: NodeId, reason: EvidenceReason, proof: readonly SignedMessage[]): Evidence {
  return { grade: "proven", against: asNodeId(against), reason, proof, detail: "test" };
}

const verdict = (e: Evidence): string => {
  const v = verifyEvidence(e, env);
  return v.holds ? "holds" : v.why;
};

describe("verifyEvidence", () => {
  describe("equivocation", () => {
    it("holds for two prepares of one signer for one (view, seq) with different digests", () => {
      assert.equal(verdict(proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")),
                prepare(asNodeId(2), asDigest("b"))])), "holds");
    });

    it("holds for two pre-prepares of the coordinator for one (view, seq)", () => {
      const pair = [prePrepare(asNodeId(4), asView(0), asSeq(1), proposal("t1")), prePrepare(asNodeId(4), asView(0),
            asSeq(1), proposal("t2"))];
      const e = proven(asNodeId(coordinator), "equivocation", pair);
      assert.equal(verdict(e), "holds");
    });

    it("fails for two equal prepares, and for prepares of different seqs", () => {
      assert.match(verdict(proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")),
                prepare(asNodeId(2), asDigest("a"))])), /agree/);
      const other = signAs<Message>(asNodeId(2), { kind: "Prepare", view: asView(0), seq: asSeq(2), digest:
            asDigest("b") });
      assert.match(verdict(proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")), other])),
          /different slots/);
    });

    it("fails for two relayed Requests of different txns: a Request has no view or seq to conflict on", () => {
      const first = signAs<Message>(asNodeId(coordinator), { kind: "Request", request: request("t1"), flag: "commit" });
      const second = signAs<Message>(asNodeId(coordinator), { kind: "Request", request: request("t2"), flag: "commit"
            });
      assert.match(verdict(proven(asNodeId(coordinator), "equivocation", [first, second])), /has no slot/);
    });

    it("fails when a message is signed by another node than the accused, or forged", () => {
      assert.match(verdict(proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")),
                prepare(asNodeId(3), asDigest("b"))])), /signed by 3, not 2/);
      const forged = { ...prepare(asNodeId(2), asDigest("b")), signature: "sig:3" };
      assert.match(verdict(proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")), forged])),
          /fails verification/);
    });

    it("holds for confirmations of one seq with different outcomes, not ones differing in replica digest only", () => {
      const confirm = (outcome: "commit" | "abort", replicaDigest: string) =>
        signAs<Message>(asNodeId(1), { kind: "Confirm", seq: asSeq(1), txn: "t1", outcome, replicaDigest:
              asDigest(replicaDigest) });
      assert.equal(verdict(proven(asNodeId(1), "equivocation", [confirm("commit", "r"), confirm("abort", "r")])),
          "holds");
      assert.match(verdict(proven(asNodeId(1), "equivocation", [confirm("commit", "r"), confirm("commit", "s")])),
          /agree/);
    });

    it("holds for a leader's pre-prepare that contradicts the one its own NEW-VIEW derived", () => {
      const derived = { kind: "PrePrepare" as const, view: asView(1), seq: asSeq(1), digest:
          asDigest(env.digest(null)), proposal: null };
      const nv = signAs<Message>(asNodeId(0), { kind: "NewView", view: asView(1), viewChanges: [], prePrepares:
            [derived] });
      assert.equal(verdict(proven(asNodeId(0), "equivocation", [nv, prePrepare(asNodeId(0), asView(1), asSeq(1),
                  proposal("t1"))])), "holds");
      assert.match(verdict(proven(asNodeId(0), "equivocation", [nv, prePrepare(asNodeId(0), asView(1), asSeq(1),
                  null)])), /follows/);
    });
  });

  describe("impossible-message", () => {
    it("holds for a pre-prepare whose digest does not match its body", () => {
      const p = proposal("t1");
      const digest = env.digest(proposal("t2"));
      const bad = signAs<Message>(asNodeId(coordinator), { kind: "PrePrepare", view: asView(0), seq: asSeq(1), digest,
            proposal: p });
      assert.equal(verdict(proven(asNodeId(coordinator), "impossible-message", [bad])), "holds");
    });

    it("holds for a request relayed without the client's signature, and for a pre-prepare from a non-leader", () => {
      const unsigned = signAs<Message>(asNodeId(coordinator), { kind: "Request", request: signAs(asNodeId(2),
              txn("t1")), flag: "commit" });
      assert.equal(verdict(proven(asNodeId(coordinator), "impossible-message", [unsigned])), "holds");
      assert.equal(verdict(proven(asNodeId(1), "impossible-message", [prePrepare(asNodeId(1), asView(0), asSeq(1),
                  proposal("t1"))])), "holds");
    });

    it("fails for a sound message: an honest leader's pre-prepare or relayed request", () => {
      const honest = prePrepare(asNodeId(4), asView(0), asSeq(1), proposal("t1"));
      assert.match(verdict(proven(asNodeId(coordinator), "impossible-message", [honest])), /honest node may send/);
      const relayed = signAs<Message>(asNodeId(coordinator), { kind: "Request", request: request("t1"), flag: "abort"
            });
      assert.match(verdict(proven(asNodeId(coordinator), "impossible-message", [relayed])), /honest node may send/);
    });

    it("holds for a view-change with no proof of its checkpoint", () => {
      const body = { kind: "ViewChange" as const, view: asView(1), stableSeq: asSeq(2), checkpointProof: [], prepared:
          [],
        pending: [] };
      const vc = signAs<Message>(asNodeId(3), body);
      assert.equal(verdict(proven(asNodeId(3), "impossible-message", [vc])), "holds");
    });
  });

  describe("invalid-new-view", () => {
    it("holds for a NEW-VIEW carrying too few view-changes, fails for another kind", () => {
      const nv = signAs<Message>(asNodeId(0), { kind: "NewView", view: asView(1), viewChanges: [], prePrepares: [] });
      assert.equal(verdict(proven(asNodeId(0), "invalid-new-view", [nv])), "holds");
      assert.match(verdict(proven(asNodeId(2), "invalid-new-view", [prepare(asNodeId(2), asDigest("a"))])),
          /not one NEW-VIEW/);
    });
  });

  describe("what never proves", () => {
    it("an empty proof, whatever the reason", () => {
      for (const reason of ["equivocation", "invalid-new-view", "impossible-message", "timeout"] as const) {
        assert.match(verdict(proven(asNodeId(2), reason, [])), /no proof/);
      }
    });

    it("suspicion, even with a message attached", () => {
      const pair = proven(asNodeId(2), "equivocation", [prepare(asNodeId(2), asDigest("a")), prepare(asNodeId(2),
              asDigest("b"))]);
      assert.match(verdict({ ...pair, grade: "suspected" }), /suspicion/);
      assert.match(verdict(proven(asNodeId(2), "timeout", [prepare(asNodeId(2), asDigest("a"))])),
          /suspicion, never proof/);
    });
  });
});

/** Two messages one participant signed for one slot that say different things: what an honest receiver proves with. */
const conflictArb = fc.record({
  kind: fc.constantFrom("Prepare" as const, "Commit" as const, "Checkpoint" as const, "Confirm" as const),
  signer: fc.nat({ max: 3 }).map(asNodeId), view: fc.nat({ max: 6 }).map(asView),
  seq: fc.integer({ min: 1, max: 12 }).map(asSeq),
  values: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { minLength: 2, maxLength: 2 }),
}).map(({ kind, signer, view, seq, values }) => {
  const [x, y] = values as [string, string];
  const body = (v: string): Message => {
    switch (kind) {
      case "Checkpoint": return { kind, seq, stateDigest: asDigest(v) };
      case "Confirm": return { kind, seq, txn: `t${v}`, outcome: "commit", replicaDigest: asDigest("r") };
      default: return { kind, view, seq, digest: asDigest(v) };
    }
  };
  return { signer, first: signAs(signer, body(x)), second: signAs(signer, body(y)) };
});

type Conflict = { readonly signer: NodeId; readonly first: SignedMessage; readonly second: SignedMessage };
const otherSlot = (m: SignedMessage): SignedMessage =>
  signAs(m.signer, { ...m.body, seq: asSeq((m.body as { seq: Seq }).seq + 1) });

/** Each changes one field of honest equivocation evidence. */
const evidenceCorruptions: Record<string, (c: Conflict) => Evidence> = {
  "the accused another node": (c) => proven(asNodeId((c.signer + 1) % 4), "equivocation", [c.first, c.second]),
  "graded as suspicion": (c) => ({ ...proven(c.signer, "equivocation", [c.first, c.second]), grade: "suspected" }),
  "another reason": (c) => proven(c.signer, "impossible-message", [c.first, c.second]),
  "the second message repeating the first": (c) => proven(c.signer, "equivocation", [c.first, c.first]),
  "the second message for another slot": (c) => proven(c.signer, "equivocation", [c.first, otherSlot(c.second)]),
  "the second message signed by another node": (c) =>
    proven(c.signer, "equivocation", [c.first, signAs(asNodeId((c.signer + 1) % 4), c.second.body)]),
  "a forged signature": (c) =>
    proven(c.signer, "equivocation", [c.first, { ...c.second, signature: `${c.second.signature}!` }]),
  "one message only": (c) => proven(c.signer, "equivocation", [c.first]),
};

describe("verifyEvidence over honest-built equivocation evidence", () => {
  it("holds for every pair of conflicting votes, CHECKPOINTs or confirmations of one signer and slot", () => {
    fc.assert(fc.property(conflictArb, (c) => {
      assert.equal(verdict(proven(asNodeId(c.signer), "equivocation", [c.first, c.second])), "holds");
    }), { numRuns: 200 });
  });

  for (const [name, corrupt] of Object.entries(evidenceCorruptions)) {
    it(`fails with ${name}`, () => {
      fc.assert(fc.property(conflictArb, (c) => assert.notEqual(verdict(corrupt(c)), "holds")), { numRuns: 50 });
    });
  }
});
