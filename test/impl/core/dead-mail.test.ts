/**
 * isDeadMail (impl/core/dead-mail.ts): a message it calls dead is ignored — same
 * state, no output — at the node now and in every state the node reaches later, and
 * after a crash-restart too when the caller says the node may restart. Checked as a
 * property over random deliveries of votes, checkpoints and pre-prepares to one
 * participant, and on a few named cases.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Message, PrePrepare, Signed, SignedMessage } from "../../../spec/messages.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { isDeadMail } from "../../../impl/core/dead-mail.js";
import { durablePart, step } from "../../../impl/core/step.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import type { Env, NodeState } from "../../../impl/core/types.js";
import { sameData } from "../../../checker/model/same-data.js";
import { honestEnv, txn } from "../../support/honest-messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { NodeId, Seq } from "../../../spec/ids.js";

const env: Env = honestEnv(1);
const n = env.config.participantCount;
const coordinator = n;
const client = n + 1;

function prePrepare(seq: Seq): Signed<PrePrepare> {
  const proposal = { request: signAs(asNodeId(client), txn(`t${seq}`)), flag: "commit" as const };
  const digest = asDigest(env.digest(proposal));
  return signAs(asNodeId(coordinator), { kind: "PrePrepare", view: asView(0), seq, digest, proposal });
}

const prePrepares = [prePrepare(asSeq(1)), prePrepare(asSeq(2))];
const digests = [...prePrepares.map((p) => p.body.digest), "other"];

/** The messages the property draws from: votes of every signer (a non-participant too), checkpoints, pre-prepares. */
const pool: SignedMessage[] = [...prePrepares];
for (const signer of [0, 1, 2, 3, 4]) {
  for (const kind of ["Prepare", "Commit"] as const) {
    for (const view of [0, 1]) {
      for (const seq of [1, 2]) {
        for (const digest of digests) pool.push(signAs(asNodeId(signer), { kind, view, seq, digest } as Message));
      }
    }
  }
}

function ignores(state: NodeState, m: SignedMessage): boolean {
  const r = step(state, { kind: "Delivered", from: m.signer, message: m }, env);
  return r.out.length === 0 && (r.state === state || sameData(r.state, state));
}

describe("isDeadMail", () => {
  it("calls dead only mail ignored now and in every later state of a run (no restarts)", function () {
    this.timeout(120_000);
    let claimsAll = 0;
    fc.assert(fc.property(fc.array(fc.nat(pool.length - 1), { minLength: 1, maxLength: 40 }), (picks) => {
      let state: NodeState = initialParticipant(asNodeId(1));
      const dead: SignedMessage[] = [];
      let claims = 0;
      for (const pick of picks) {
        for (const m of pool) if (!dead.includes(m) && isDeadMail(state, m, env)) dead.push(m);
        for (const m of dead) {
          assert.ok(ignores(state, m), `${JSON.stringify(m.body)} from ${m.signer} called dead, not ignored`);
        }
        claims += dead.length;
        state = step(state, { kind: "Delivered", from: asNodeId(0), message: pool[pick] as SignedMessage }, env).state;
      }
      claimsAll += claims;
    }), { numRuns: 150, seed: 13 });
    assert.ok(claimsAll > 0, "the property never saw dead mail");
  });

  it("with restarts: dead mail is ignored by the node restarted from its persisted state as well", function () {
    this.timeout(120_000);
    const picksArb = fc.array(fc.nat(pool.length - 1), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(picksArb, fc.nat(40), (picks, at) => {
      let state: NodeState = initialParticipant(asNodeId(1));
      let persisted: NodeState = state;
      for (const [i, pick] of picks.entries()) {
        const r = step(state, { kind: "Delivered", from: asNodeId(0), message: pool[pick] as SignedMessage }, env);
        state = r.state;
        if (r.out.some((o) => o.kind === "Persist")) persisted = state;
        if (i !== at % picks.length) continue;
        const restarted = durablePart(persisted);
        for (const m of pool) {
          if (!isDeadMail(state, m, env, persisted)) continue;
          assert.ok(ignores(state, m), "ignored now");
          assert.ok(ignores(restarted, m),
            `${JSON.stringify(m.body)} from ${m.signer} called dead, live after a restart`);
        }
      }
    }), { numRuns: 300, seed: 14 });
  });

  it("calls a copy of a held vote dead without restarts only, and a vote after prepared dead either way", () => {
    const pp = prePrepares[0] as Signed<PrePrepare>;
    let state: NodeState =
      step(initialParticipant(asNodeId(1)), { kind: "Delivered", from: asNodeId(coordinator), message: pp }, env).state;
    const vote = (signer: NodeId): SignedMessage =>
      signAs(asNodeId(signer), { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest(pp.body.digest) });
    state = step(state, { kind: "Delivered", from: asNodeId(0), message: vote(asNodeId(0)) }, env).state;
    assert.equal(isDeadMail(state, vote(asNodeId(0)), env), true);
    assert.equal(isDeadMail(state, vote(asNodeId(0)), env, state), false,
      "a restart forgets an uncertified slot's votes");
    assert.equal(isDeadMail(state, vote(asNodeId(2)), env), false, "a vote that completes the certificate is live");
    state = step(state, { kind: "Delivered", from: asNodeId(2), message: vote(asNodeId(2)) }, env).state;
    assert.equal(isDeadMail(state, vote(asNodeId(3)), env, state), true, "prepared: no more PREPAREs, durably");
    const conflicting = signAs(asNodeId(3), { kind: "Prepare", view: 0, seq: 1, digest: "other" } as Message);
    assert.equal(isDeadMail(state, conflicting, env), true, "its cell is empty: dead, like any further PREPARE");
    const equivocating = signAs(asNodeId(0), { kind: "Prepare", view: 0, seq: 1, digest: "other" } as Message);
    assert.equal(isDeadMail(state, equivocating, env), false, "a second digest of a held vote is proof");
  });

  it("never calls dead what fails to verify or what a non-participant sends", () => {
    const state = initialParticipant(asNodeId(1));
    const forged: SignedMessage = {
      ...signAs(asNodeId(0), { kind: "Prepare", view: 0, seq: 1, digest: "d" } as Message), signature: "bad",
    };
    assert.equal(isDeadMail(state, forged, env), false);
    const stranger = signAs(asNodeId(4), { kind: "Commit", view: 0, seq: 0, digest: "d" } as Message);
    assert.equal(isDeadMail(state, stranger, env), false);
    const belowWindow = signAs(asNodeId(0), { kind: "Commit", view: 0, seq: 0, digest: "d" } as Message);
    assert.equal(isDeadMail(state, belowWindow, env), true, "seq 0 is at h");
  });
});
