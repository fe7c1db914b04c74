/**
 * I6 for NEW-VIEWs (checker/model/transition-checks.ts): a participant that installs a
 * NEW-VIEW whose pre-prepares do not follow from its VIEW-CHANGEs has ignored proof
 * against the leader. Driven by hand: the Byzantine leader of view 1 (P0) builds a
 * NEW-VIEW from the two honest VIEW-CHANGEs and its own, and nulls the seq of t1.
 * The mutated run imports the same checker from new-view-unchecked's patched build.
 * Then the projection of a delivery step that spec/invariants/transitions.ts judges, and reports.
 */
import assert from "node:assert/strict";
import type { Action } from "../../../checker/model/actions.js";
import { makeCheckConfig, type CheckConfig } from "../../../checker/model/check-config.js";
import type { CheckContext } from "../../../checker/model/context.js";
import type { World } from "../../../checker/model/world.js";
import { hasNode } from "../../../impl/core/quorum.js";
import { checkerModules, PatchedBuilds, type CheckerModules } from "../../support/patched-builds.js";
import {
  checkDelivery, checkHonestMessageAsProof, checkReport, checkRestart, deliveryView, restartView,
} from "../../../checker/model/transition-checks.js";
import { emptySlot, initialParticipant, withSlot, withVote } from "../../../impl/core/participant-state.js";
import { makeContext } from "../../../checker/model/context.js";
import { step as coreStep } from "../../../impl/core/step.js";
import { initialCoordinator } from "../../../impl/core/coordinator-state.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import type { Message } from "../../../spec/messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { Digest, NodeId } from "../../../spec/ids.js";

function config(mutant: string | null): CheckConfig {
  const made = makeCheckConfig({ byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 2 }, mutant });
  if (!made.ok) throw new Error(made.error);
  return made.config;
}

/** Applies the first enabled action `pick` accepts; fails the test when none is enabled. */
function act(api: CheckerModules, ctx: CheckContext, world: World, what: string, pick: (a: Action) => boolean) {
  const action = api.actions.enabledActions(world, ctx).find(pick);
  assert.ok(action !== undefined, `no enabled action: ${what}`);
  return api.checkedStep.stepChecked(world, action, ctx);
}

const coordinator = 4;
const prePrepareTo = (to: number) => (a: Action): boolean =>
  a.kind === "deliver" && a.envelope.from === coordinator && a.envelope.to === to
  && a.envelope.message.body.kind === "PrePrepare";
const fire = (node: number) => (a: Action): boolean =>
  a.kind === "fire" && a.node === node && a.timer === "view-change";
const nullingNewViewTo = (to: number) => (a: Action): boolean =>
  a.kind === "byzantine" && a.from === 0 && a.to === to && a.message.kind === "NewView"
  && a.message.prePrepares.some((pp) => pp.proposal === null);

/**
 * P2 and P3 accept t1's pre-prepare and time out; their VIEW-CHANGEs reach P0, which sends P1 a NEW-VIEW nulling
 * seq 1.
 */
function scenario(api: CheckerModules, mutant: string | null) {
  const ctx = api.context.makeContext(config(mutant));
  let world = api.initialWorld.initialWorld(ctx);
  const steps = [
    ["pre-prepare to P3", prePrepareTo(3)], ["P3 times out", fire(3)],
    ["pre-prepare to P2", prePrepareTo(2)], ["P2 times out", fire(2)],
  ] as const;
  for (const [what, pick] of steps) {
    const step = act(api, ctx, world, what, pick);
    assert.equal(step.violation, null, what);
    world = step.world;
  }
  // Null pre-prepares are in no fixed alphabet: the leader's NEW-VIEW moves carry them, with its votes.
  // The leader's own moves for view 1 are in its fixed alphabet (null pre-prepares included); the enumeration offers
  // them once a receiver is in view 1 (before, they are self-loops, adversary-effective.ts).
  const leaderMoves = (ctx.alphabet.get(asNodeId(0)) ?? []).filter((m) => "view" in m && m.kind !== "NewView" && m.view
      === 1);
  assert.ok(leaderMoves.some((m) => m.kind === "PrePrepare" && m.proposal === null));
  assert.ok(leaderMoves.some((m) => m.kind === "Prepare"));
  assert.ok(leaderMoves.some((m) => m.kind === "Commit"));
  return { ctx, step: act(api, ctx, world, "P0's nulling NEW-VIEW to P1", nullingNewViewTo(1)) };
}

describe("I6 for an installed NEW-VIEW", () => {
  const builds = new PatchedBuilds();
  let real: CheckerModules;
  let unchecked: CheckerModules;
  before(async () => {
    real = await checkerModules();
    unchecked = await builds.modules("new-view-unchecked");
  });
  after(() => builds.dispose());

  it("the unmutated receiver rejects a NEW-VIEW that nulls t1 and holds proof against its leader", () => {
    const { step } = scenario(real, null);
    assert.equal(step.violation, null);
    const p1 = step.world.nodes[1];
    assert.ok(p1 !== undefined && p1.role === "participant");
    assert.ok(hasNode(p1.proven, asNodeId(0)), "P1 proves P0");
    assert.equal(p1.newView, null, "nothing installed");
  });

  it("with new-view-unchecked the receiver installs it, and I6 reports the proof it ignored", () => {
    const { step } = scenario(unchecked, "new-view-unchecked");
    assert.equal(step.violation?.invariant, "detection-completeness");
    assert.match(step.violation?.message ?? "",
      /node 1 installed a NEW-VIEW for view 1 from 0 whose pre-prepares do not follow/);
  });
});

describe("I5f: an honest node's own message is no proof (checkHonestMessageAsProof)", () => {
  const ctx = makeContext(config(null));
  const prePrepare = (signer: number, view: number) => signAs<Message>(asNodeId(signer),
    { kind: "PrePrepare", view: asView(view), seq: asSeq(1), digest: asDigest("d"), proposal: null });

  it("passes a message an honest node may sign, the faulty P0's messages, and a forgery under an honest name", () => {
    const prepare = signAs<Message>(asNodeId(1), { kind: "Prepare", view: asView(0), seq: asSeq(1),
      digest: asDigest("d") });
    assert.equal(checkHonestMessageAsProof(asNodeId(2), prepare, ctx), null);
    // P0 is Byzantine here: its impossible PRE-PREPARE (view 0 is the coordinator's) is real proof against it.
    assert.equal(checkHonestMessageAsProof(asNodeId(2), prePrepare(0, 0), ctx), null);
    const forged = { ...prePrepare(1, 0), signature: "not P1's" };
    assert.equal(checkHonestMessageAsProof(asNodeId(2), forged as typeof prepare, ctx), null);
  });

  it("fails when a message signed by an honest node convicts it: P1's PRE-PREPARE for the coordinator's view 0", () => {
    // No honest P1 signs this; the check's job is to notice when the judge would convict on what one did sign.
    const violation = checkHonestMessageAsProof(asNodeId(2), prePrepare(1, 0), ctx);
    assert.equal(violation?.invariant, "honest message is no proof");
    assert.match(violation?.message ?? "", /honest node 1's own message, handed to the judge by 2 as impossible-mess/);
  });

  it("hands the judge the message twice as equivocation, which fails unless the judge tells a copy from a conflict",
    () => {
      const viewChange = signAs<Message>(asNodeId(1), { kind: "ViewChange", view: asView(1), stableSeq: asSeq(0),
        checkpointProof: [], prepared: [], pending: [] });
      assert.equal(checkHonestMessageAsProof(asNodeId(2), viewChange, ctx), null);
      // A judge whose digest differs per call (so that one VIEW-CHANGE "contradicts" itself) convicts on the copy.
      let calls = 0;
      const fickle = { ...ctx, env: { ...ctx.env, digest: () => asDigest(`d${calls++}`) } };
      const violation = checkHonestMessageAsProof(asNodeId(2), viewChange, fickle);
      assert.match(violation?.message ?? "", /honest node 1's own message, handed to the judge by 2 as equivocation/);
    });
});

describe("I5 on every reported proof (checkReport)", () => {
  const ctx = makeContext(config(null));
  const prepare = (signer: NodeId, digest: Digest) =>
    signAs<Message>(asNodeId(signer), { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest(digest) });
  const equivocation = (against: NodeId) => ({
    grade: "proven" as const, against, reason: "equivocation" as const,
    proof: [prepare(against, asDigest("a")), prepare(against, asDigest("b"))], detail: "",
  });

  it("accepts a verifying proof against the Byzantine P0, and any suspicion", () => {
    assert.equal(checkReport(1, equivocation(asNodeId(0)), ctx), null);
    const suspicion = { grade: "suspected" as const, against: asNodeId(2), reason: "timeout" as const, proof: [],
        detail: "" };
    assert.equal(checkReport(1, suspicion, ctx), null);
  });

  it("reports a proof that does not verify, even against the faulty node", () => {
    const empty = { grade: "proven" as const, against: asNodeId(0), reason: "invalid-new-view" as const, proof: [],
        detail: "" };
    const message = checkReport(1, empty, ctx)?.message ?? "";
    assert.match(message, /node 1 reports 0 proven \(invalid-new-view\) with a proof that does not verify/);
    assert.equal(checkReport(1, empty, ctx)?.invariant, "detection accuracy");
  });

  it("reports a verifying proof against an honest node", () => {
    const message = checkReport(1, equivocation(asNodeId(2)), ctx)?.message ?? "";
    assert.match(message, /reports honest node 2 proven \(equivocation\) with a proof that verifies/);
  });

  it("catches convict-on-timeout at the report itself: a timeout is no proof", async () => {
    const builds = new PatchedBuilds();
    try {
      const api = await builds.modules("convict-on-timeout");
      const mutated = api.context.makeContext(config("convict-on-timeout"));
      const delivered = act(api, mutated, api.initialWorld.initialWorld(mutated), "pre-prepare to P1", prePrepareTo(1));
      assert.equal(delivered.violation, null);
      const step = act(api, mutated, delivered.world, "P1 times out", fire(1));
      assert.equal(step.violation?.invariant, "detection accuracy");
      assert.match(step.violation?.message ?? "", /node 1 reports 4 proven \(timeout\) with a proof that does not/);
    } finally {
      builds.dispose();
    }
  });
});

describe("the delivery projection (deliveryView) judged by spec/invariants/transitions.ts", () => {
  const ctx = makeContext(config(null));
  const vote = (digest: Digest) => signAs(asNodeId(1), { kind: "Prepare" as const, view: asView(0), seq: asSeq(1),
        digest });
  const slot = emptySlot(asSeq(1), 4);
  const holding = withSlot(initialParticipant(asNodeId(2)), { ...slot, prepares: withVote(slot.prepares, asNodeId(1),
          vote(asDigest("a"))) });

  it("finds the vote the receiver held from the same signer for the same slot", () => {
    assert.deepEqual(deliveryView(holding, holding, vote(asDigest("b")), ctx.env).counterpart, vote(asDigest("a")));
    assert.equal(deliveryView(initialParticipant(asNodeId(2)), holding, vote(asDigest("b")), ctx.env).counterpart,
        null);
  });

  it("reports a conflicting vote that left the receiver without proof, and nothing once it proves the signer", () => {
    assert.deepEqual(checkDelivery(holding, holding, vote(asDigest("b")), ctx.env), {
      invariant: "detection-completeness", message: "node 2 received conflicting Prepares from 1 but holds no proof",
    });
    assert.equal(checkDelivery(holding, { ...holding, proven: 1 << 1 }, vote(asDigest("b")), ctx.env), null);
  });

  it("projects the seqs certified in the log and P set when they change, and I10p names one dropped above h", () => {
    const pp = signAs(asNodeId(4), { kind: "PrePrepare" as const, view: asView(0), seq: asSeq(2),
      digest: asDigest("a"), proposal: null });
    const prepareOf = (signer: number) =>
      signAs(asNodeId(signer), { kind: "Prepare" as const, view: asView(0), seq: asSeq(2), digest: asDigest("a") });
    const two = emptySlot(asSeq(2), 4);
    const prepared = withSlot(initialParticipant(asNodeId(2)), {
      ...two, phase: "prepared", prePrepare: pp,
      prepares: withVote(withVote(two.prepares, asNodeId(0), prepareOf(0)), asNodeId(1), prepareOf(1)),
    });
    const m = vote(asDigest("a"));
    assert.equal(deliveryView(prepared, prepared, m, ctx.env).certificates, null, "nothing changed");
    const cert = { prePrepare: pp, prepares: [prepareOf(0), prepareOf(1)] };
    const installed = { ...prepared, slots: [], prepared: [cert] };
    assert.deepEqual(deliveryView(prepared, installed, m, ctx.env).certificates,
      { before: [{ seq: 2, view: 0 }], after: [{ seq: 2, view: 0 }], lowWatermarkAfter: 0 });
    assert.equal(checkDelivery(prepared, installed, m, ctx.env), null, "moved from the log into the P set");
    const dropped = { ...installed, prepared: [], lowWatermark: asSeq(1) };
    assert.equal(checkDelivery(installed, dropped, m, ctx.env)?.invariant, "kept prepared certificates");
    assert.equal(checkDelivery(installed, { ...dropped, lowWatermark: asSeq(2) }, m, ctx.env), null, "h passed it");
  });

  it("projects a leader's uptake of the coordinator's relayed Request, and I10r names a flipped flag", () => {
    // P1 leads view 2 (n = 4: view 2 mod 5 = 2) with an empty NEW-VIEW installed; the coordinator relays t1.
    const newView = { kind: "NewView" as const, view: asView(2), viewChanges: [], prePrepares: [] };
    const leader = { ...initialParticipant(asNodeId(1)), view: asView(2), newView };
    const request = signAs(asNodeId(5), { id: "t1", writes: [], reads: [] });
    const relayed = signAs<Message>(asNodeId(coordinator), { kind: "Request", request, flag: "commit" });
    const after = coreStep(leader, { kind: "Delivered", from: asNodeId(coordinator), message: relayed }, ctx.env).state;
    assert.deepEqual(deliveryView(leader, after, relayed, ctx.env).relay,
      { txn: "t1", relayedFlag: "commit", proposedFlags: ["commit"] });
    assert.equal(checkDelivery(leader, after, relayed, ctx.env), null);
    assert.equal(deliveryView(after, after, relayed, ctx.env).relay, null, "not its first word on t1");
    assert.ok(after.role === "participant");
    const flipped = after.proposals.map((pp) => pp.proposal === null ? pp
      : { ...pp, proposal: { request: pp.proposal.request, flag: "abort" as const } });
    assert.equal(checkDelivery(leader, { ...after, proposals: flipped }, relayed, ctx.env)?.invariant,
      "relayed flag kept");
  });

  it("projects a batching leader's proposals on a relayed Request, and I10g names a partial batch sent early", () => {
    // As above, with batches of two: t1 finds the leader idle (a partial batch at once), t2 waits behind s1.
    const made = makeCheckConfig({ byzantine: [asNodeId(0)], protocol: { batchSize: 2 } });
    assert.ok(made.ok);
    const env = makeContext(made.config).env;
    const newView = { kind: "NewView" as const, view: asView(2), viewChanges: [], prePrepares: [] };
    const leader = { ...initialParticipant(asNodeId(1)), view: asView(2), newView };
    const relay = (id: string): Message =>
      ({ kind: "Request", request: signAs(asNodeId(5), { id, writes: [], reads: [] }), flag: "abort" });
    const t1 = signAs<Message>(asNodeId(coordinator), relay("t1"));
    const first = coreStep(leader, { kind: "Delivered", from: asNodeId(coordinator), message: t1 }, env).state;
    assert.deepEqual(deliveryView(leader, first, t1, env).relayProposals,
      { batchSize: 2, lastExecuted: 0, proposed: [{ seq: 1, txns: 1 }] });
    assert.equal(checkDelivery(leader, first, t1, env), null);
    const t2 = signAs<Message>(asNodeId(coordinator), relay("t2"));
    const second = coreStep(first, { kind: "Delivered", from: asNodeId(coordinator), message: t2 }, env).state;
    assert.equal(deliveryView(first, second, t2, env).relayProposals, null, "t2 held for the next batch");
    assert.ok(first.role === "participant" && second.role === "participant");
    const alone = { ...(first.proposals[0] as (typeof first.proposals)[number]), seq: asSeq(2) };
    const { held: _t2, ...rest } = second;
    const early = { ...rest, proposals: [...first.proposals, alone] };
    assert.equal(checkDelivery(first, early, t2, env)?.invariant, "batches gathered");
  });

  it("projects a coordinator's crash-restart onto its replies, and I7d names one it forgot", () => {
    const replied = [{ txn: "t1", outcome: "commit" as const }];
    const before = { ...initialCoordinator(asNodeId(coordinator)), replies: replied };
    assert.deepEqual(restartView(before, before).repliesAfter, [{ txn: "t1", outcome: "commit" }]);
    assert.equal(checkRestart(before, before), null);
    assert.equal(checkRestart(before, { ...before, replies: [] })?.invariant, "durable replies");
    assert.equal(checkRestart(initialParticipant(asNodeId(1)), initialParticipant(asNodeId(1))), null);
  });

  it("reports a bad-signature suspicion of an honest node, not of the faulty P0", () => {
    const suspicion = (against: NodeId) =>
      ({ grade: "suspected" as const, against, reason: "bad-signature" as const, proof: [], detail: "" });
    assert.equal(checkReport(1, suspicion(asNodeId(2)), ctx)?.invariant, "suspicion accuracy");
    assert.equal(checkReport(1, suspicion(asNodeId(0)), ctx), null);
  });
});
