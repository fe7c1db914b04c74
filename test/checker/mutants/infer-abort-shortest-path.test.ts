/**
 * The shortest path to `infer-abort-from-null`'s violation found by hand (its catalog entry): 21 steps, one
 * timer, a Byzantine P0 leading view 1, every Byzantine move one of the alphabet's (actions.ts enumerates it).
 * P3 prepares t1 at seq 1 on P0's and P1's PREPAREs; t2 is pre-prepared at P1 and P2, whose PREPAREs give P0 a
 * certificate for seq 2. P1's timer fires; P0's VIEW-CHANGE carrying that certificate alone and P1's make P2 join.
 * P0's NEW-VIEW from its own VIEW-CHANGE, P1's and P2's (adversary-new-view-quorums.ts) nulls seq 1; P0's votes
 * and P1's and P3's get seq 1 decided at P3 (which takes the null as t1's abort) and P1 (a no-op): I4.
 */
import assert from "node:assert/strict";
import type { Message } from "../../../spec/messages.js";
import type { Action } from "../../../checker/model/actions.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import type { CheckContext } from "../../../checker/model/context.js";
import type { World } from "../../../checker/model/world.js";
import { checkerModules, PatchedBuilds, type CheckerModules } from "../../support/patched-builds.js";
import { asNodeId } from "../../../spec/ids.js";

type Pick = (a: Action, world: World) => boolean;

const C = 4;
const body = (a: Action): Message | null =>
  a.kind === "deliver" ? a.envelope.message.body : a.kind === "byzantine" ? a.message : null;
const slotOf = (m: Message | null, view: number, seq: number): boolean =>
  m !== null && "view" in m && "seq" in m && m.view === view && m.seq === seq;

/** The digest a participant logged for (view, seq): what its votes must name. */
function loggedDigest(world: World, node: number, view: number, seq: number): string | undefined {
  const state = world.nodes[node];
  if (state?.role !== "participant") return undefined;
  const pp = state.slots.find((s) => s.seq === seq)?.prePrepare?.body;
  return pp?.view === view ? pp.digest : undefined;
}

const deliver = (kind: Message["kind"], from: number, to: number, view = -1, seq = -1): Pick => (a) =>
  a.kind === "deliver" && a.envelope.from === from && a.envelope.to === to && body(a)?.kind === kind &&
  (view < 0 || slotOf(body(a), view, seq));
const vote = (kind: "Prepare" | "Commit", to: number, view: number, seq: number): Pick => (a, w) =>
  a.kind === "byzantine" && a.to === to && a.message.kind === kind && slotOf(a.message, view, seq) &&
  a.message.digest === loggedDigest(w, to, view, seq);
const fire = (node: number): Pick => (a) => a.kind === "fire" && a.node === node && a.timer === "view-change";
const certifiedViewChange: Pick = (a) => a.kind === "byzantine" && a.to === 2 && a.message.kind === "ViewChange" &&
  a.message.view === 1 && a.message.prepared.length === 1 && a.message.prepared[0]?.prePrepare.body.seq === 2 &&
  a.message.prepared[0].prepares.length === 2 &&
  a.message.prepared[0].prepares.every((p) => p.signature === `sig:${p.signer}`);
/** P0's sound NEW-VIEW: seq 1 null, t2 kept at seq 2, t1 re-proposed at 3 (the tampered one re-proposes nothing). */
const nullingNewView = (to: number): Pick => (a) => a.kind === "byzantine" && a.to === to &&
  a.message.kind === "NewView" && a.message.viewChanges.length === 3 && a.message.prePrepares[0]?.proposal === null &&
  a.message.prePrepares[1]?.proposal?.request.body.id === "t2" &&
  a.message.prePrepares[2]?.proposal?.request.body.id === "t1";
const nullPrePrepare = (to: number): Pick => (a) => a.kind === "byzantine" && a.to === to &&
  a.message.kind === "PrePrepare" && slotOf(a.message, 1, 1) && a.message.proposal === null;

const path: readonly Pick[] = [
  deliver("PrePrepare", C, 3, 0, 1), vote("Prepare", 3, 0, 1), deliver("PrePrepare", C, 1, 0, 1),
  deliver("Prepare", 1, 3, 0, 1), deliver("PrePrepare", C, 1, 0, 2), deliver("PrePrepare", C, 2, 0, 2),
  fire(1), certifiedViewChange, deliver("ViewChange", 1, 2),
  nullingNewView(3), nullingNewView(1), nullPrePrepare(3), nullPrePrepare(1),
  vote("Prepare", 3, 1, 1), deliver("Prepare", 1, 3, 1, 1), vote("Prepare", 1, 1, 1), deliver("Prepare", 3, 1, 1, 1),
  vote("Commit", 3, 1, 1), deliver("Commit", 1, 3, 1, 1), vote("Commit", 1, 1, 1), deliver("Commit", 3, 1, 1, 1),
];

/** Takes the path's steps as enabled actions; returns the first violation's invariant and its step (1-based). */
function walk(m: CheckerModules, ctx: CheckContext): { invariant: string | null; step: number } {
  let world = m.initialWorld.initialWorld(ctx);
  for (const [i, pick] of path.entries()) {
    let chosen: Action | null = null;
    m.actions.forEachAction(world, ctx, (a) => {
      if (pick(a, world)) chosen = a;
      return chosen === null;
    });
    assert.ok(chosen !== null, `step ${i + 1} is not an enabled action`);
    const next = m.checkedStep.stepChecked(world, chosen, ctx);
    if (next.violation !== null) return { invariant: next.violation.invariant, step: i + 1 };
    world = next.world;
  }
  return { invariant: null, step: path.length };
}

describe("infer-abort-from-null's shortest path (21 steps, Byzantine P0)", () => {
  const builds = new PatchedBuilds();
  after(() => builds.dispose());
  const made = makeCheckConfig({ byzantine: [asNodeId(0)], flags: ["commit", "commit"],
    budgets: { loss: 0, dup: 0, timeouts: 1 } });
  if (!made.ok) throw new Error(made.error);

  it("violates consistency at its last step on the patched core", async function () {
    this.timeout(120_000);
    const m = await builds.modules("infer-abort-from-null");
    const ctx = m.context.makeContext({ ...made.config, mutant: "infer-abort-from-null" });
    assert.deepEqual(walk(m, ctx), { invariant: "consistency", step: 21 });
  });

  it("runs clean on the real core, every step enabled", async () => {
    const m = await checkerModules();
    assert.deepEqual(walk(m, m.context.makeContext(made.config)), { invariant: null, step: 21 });
  });
});
