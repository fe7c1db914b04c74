/**
 * onStateReply (impl/core/state-transfer.ts), how a lagging participant judges a
 * state reply: by the stable-checkpoint proof it carries, never by who sent it. An
 * honest reply (a replica whose digest Q CHECKPOINTs prove) is adopted; a reply whose
 * replica, proof or seq is corrupted in one field is never adopted, and a wrong
 * replica under a sound proof is proof against its signer.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ReplicaData, Signed, StateReply } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { hasNode } from "../../../impl/core/quorum.js";
import { emptyReplica, execute } from "../../../impl/core/replica.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { onStateReply } from "../../../impl/core/state-transfer.js";
import type { Env } from "../../../impl/core/types.js";
import { checkpointProof, honestEnv, txn } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";
import { SignedMessage } from "../../../spec/messages.js";
import { describeHoles, judge, type Benign } from "../../support/corruption.js";

interface Built { readonly env: Env; readonly receiver: number; readonly reply: Signed<StateReply> }

/** A replier's replica after `count` txns at seqs 1..count, proven stable at seq `count` by Q CHECKPOINTs. */
const honestArb: fc.Arbitrary<Built> = fc.record({
  f: fc.constantFrom(1, 2), count: fc.integer({ min: 1, max: 4 }), receiverPick: fc.nat(), replierPick: fc.nat(),
}).map(({ f, count, receiverPick, replierPick }) => {
  const env = honestEnv(f);
  const n = env.config.participantCount;
  let replica: ReplicaData = emptyReplica;
  for (let seq = 1; seq <= count; seq++) replica = execute(replica, txn(`t${seq}`), "commit", asSeq(seq)).replica;
  const receiver = receiverPick % n;
  const replier = (receiver + 1 + (replierPick % (n - 1))) % n;
  const proof = checkpointProof(env, asSeq(count), env.digest(replica));
  const body: StateReply = { kind: "StateReply", seq: asSeq(count), replica, proof };
  return { env, receiver, reply: signAs(asNodeId(replier), body) };
});

const edited = (b: Built, change: (r: StateReply) => StateReply): Signed<StateReply> =>
  signAs(b.reply.signer, change(b.reply.body));

const corruptions: Record<string, (b: Built) => Signed<StateReply>> = {
  "a replica other than the proven one": (b) => edited(b, (r) =>
    ({ ...r, replica: execute(r.replica, txn("extra"), "commit", asSeq(r.seq + 1)).replica })),
  "a proof one CHECKPOINT short": (b) => edited(b, (r) => ({ ...r, proof: r.proof.slice(1) })),
  "a proof for another seq": (b) => edited(b, (r) => ({ ...r, seq: asSeq(r.seq + 1) })),
  "a proof of another digest": (b) =>
    edited(b, (r) => ({ ...r, proof: checkpointProof(b.env, r.seq, asDigest("0".repeat(16))) })),
};

describe("onStateReply (impl/core/state-transfer.ts)", () => {
  it("adopts every honest reply: the proven replica, executed through its seq, with no evidence", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const { state, out } = onStateReply(initialParticipant(asNodeId(b.receiver)), b.reply, b.env);
      assert.deepEqual(state.replica, b.reply.body.replica);
      assert.equal(state.lastExecuted, b.reply.body.seq);
      assert.equal(state.proven, 0);
      assert.equal(out.filter((o) => o.kind === "Decide").length, b.reply.body.seq);
    }), { numRuns: 100 });
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`never adopts a reply with ${name}, and proves its signer faulty`, () => {
      fc.assert(fc.property(honestArb, (b) => {
        const { state } = onStateReply(initialParticipant(asNodeId(b.receiver)), corrupt(b), b.env);
        assert.deepEqual(state.replica, emptyReplica);
        assert.equal(state.lastExecuted, 0);
        assert.ok(hasNode(state.proven, b.reply.signer), "a signed impossible reply is proof");
      }), { numRuns: 100 });
    });
  }
});

/** What an honest replier could have sent as well: adopting it is right. */
const benign: Record<string, Benign> = {
  "the envelope's signature or signer": { why: "a reply is judged by the proof it carries, never by who sent it",
    holds: (c) => c.path === "signature" || c.path === "signer" },
  "another participant's CHECKPOINT": { why: "a valid CHECKPOINT of another participant: still Q distinct ones",
    holds: (c) => /^body\.proof\[\d+\]\.signer$/.test(c.path) && c.change.startsWith("signed by") },
};

describe("onStateReply over every schema-derived single-field corruption (corrupt-schema.ts)", () => {
  it("adopts no corruption of an honest reply but the benign ones", () => {
    fc.assert(fc.property(honestArb, (b) => {
      const accepts = (v: unknown): boolean => {
        const { state } = onStateReply(initialParticipant(asNodeId(b.receiver)), v as Signed<StateReply>, b.env);
        return state.lastExecuted !== 0;
      };
      const judged = judge(b.env, b.reply.signer, SignedMessage.ast, b.reply, accepts, benign);
      assert.ok(judged.made.length > 30, `only ${judged.made.length} corruptions made`);
      assert.ok(judged.holes.length === 0, `adopted corruptions:\n  ${describeHoles(judged.holes)}`);
    }), { numRuns: 30 });
  });
});
