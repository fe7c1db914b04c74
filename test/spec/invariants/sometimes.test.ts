/**
 * The reachability witnesses S1-S10 (spec/invariants/sometimes.ts) on real global views: the checker's initial
 * world, where none is reached, and the world its healed phase settles in (every txn decided and replied), where
 * each is; S9 and S10 on hand-built views, since reaching a proof needs a Byzantine move and a batch of orphans a
 * view change with batches (test/checker/cli/run-from-orphan-batch.test.ts reaches it in a search).
 */
import assert from "node:assert/strict";
import type { GlobalView, Invariant } from "../../../spec/global-view.js";
import {
  clientReply, decides, decidesAbort, decidesCommit, faultyProven, flaggedAbortDecidedAbort,
  flaggedCommitDecidedCommit, orphanBatchInstalled, preconditionFails, viewChangeCompleted,
} from "../../../spec/invariants/sometimes.js";
import type { HeldParticipant } from "../../../spec/held-state.js";
import type { Txn, ViewChange } from "../../../spec/messages.js";
import { clientId, makeProtocolConfig } from "../../../spec/config.js";
import { derivedPrePrepares } from "../../../spec/invariants/justify-view-rules.js";
import { makeJudge } from "../../../checker/model/justify-judge.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../../checker/model/symbolic-crypto.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { makeCheckConfig, type CheckConfig } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { enabledActions } from "../../../checker/model/actions.js";
import { apply } from "../../../checker/model/apply.js";
import type { World } from "../../../checker/model/world.js";
import { globalView } from "../../../checker/model/global-view-adapter.js";
import { healedStepsMax, runHealedPhase } from "../../../checker/model/healed-phase.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { undecided } from "../../../checker/model/liveness.js";
import { participant, view } from "../../support/global-views.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

type ConfigInput = Parameters<typeof makeCheckConfig>[0];

/** The initial world's view, and the view of the world the healed phase settles in after `prelude`. */
function views(input: ConfigInput, prelude: (world: World, ctx: CheckContext) => World = (w) => w):
  { initial: GlobalView; settled: GlobalView } {
  const made = makeCheckConfig(input);
  if (!made.ok) assert.fail(made.error);
  const config: CheckConfig = made.config;
  const ctx = makeContext(config);
  const start = initialWorld(ctx);
  const healed = runHealedPhase(prelude(start, ctx), ctx, {
    stepsMax: healedStepsMax(config.n, config.txns.length), settled: (w) => undecided(w, ctx).length === 0,
  });
  assert.equal(healed.violation, null);
  assert.deepEqual(undecided(healed.world, ctx), [], "the healed phase decides every txn");
  return { initial: globalView(start, ctx), settled: globalView(healed.world, ctx) };
}

const reached = (w: Invariant, g: GlobalView): boolean => w.check(g) === null;

describe("sometimes witnesses (S1-S10)", () => {
  const mixed = views({ flags: ["commit", "abort"] });

  for (const w of [decides, decidesCommit, decidesAbort, clientReply, flaggedAbortDecidedAbort,
    flaggedCommitDecidedCommit]) {
    it(`${w.id} "${w.name}": not reached in the initial world, reached once a commit and an abort are decided`, () => {
      assert.equal(w.check(mixed.initial), "not reached");
      assert.ok(reached(w, mixed.settled));
    });
  }

  it("S5 a view change completes: not with the coordinator up, reached when a silent coordinator is replaced", () => {
    assert.ok(!reached(viewChangeCompleted, mixed.settled));
    // The coordinator's pre-prepare to P2 is lost and the coordinator falls silent: P0 and P1 time out on t1.
    const silenced = views({ coordinator: "silent", budgets: { loss: 1, dup: 0, timeouts: 0 } }, (world, ctx) => {
      const drop = enabledActions(world, ctx).find((a) => a.kind === "drop" && a.envelope.to === 2);
      assert.ok(drop !== undefined);
      return apply(apply(world, drop, ctx).world, { kind: "silence" }, ctx).world;
    });
    assert.ok(reached(viewChangeCompleted, silenced.settled));
  });

  it("S8 a precondition fails: not when no read is stale, reached when a read is of an overwritten version", () => {
    assert.ok(!reached(preconditionFails, mixed.settled));
    assert.ok(reached(preconditionFails, views({ flags: ["commit", "commit"], stale: [2] }).settled));
  });

  it("S9 an honest node proves a faulty one: not when no proof names anyone, reached when one names P3", () => {
    assert.ok(!reached(faultyProven, mixed.settled));
    assert.ok(!reached(faultyProven, view({ provenBy: [{ by: asNodeId(0), proven: 0 }] })));
    assert.ok(reached(faultyProven, view({ provenBy: [{ by: asNodeId(0), proven: 1 << 3 }] })));
  });

  it("S10 a batch of orphans: reached once P0 holds view 1's NEW-VIEW with t1 and t2 in one pre-prepare", () => {
    assert.ok(!reached(orphanBatchInstalled, mixed.settled));
    assert.equal(orphanBatchInstalled.check(withNewView(2, "normal")), null);
    assert.equal(orphanBatchInstalled.check(withNewView(1, "normal")), "not reached", "one orphan a pre-prepare");
    assert.equal(orphanBatchInstalled.check(withNewView(2, "view-change")), "not reached", "not installed");
  });
});

/**
 * P0 holding view 1's NEW-VIEW (status `status`), built by the spec's rule 4 at batch size `batchSize` from Q
 * VIEW-CHANGEs that carry t1-t3 pending and no certificate: all three are orphans.
 */
function withNewView(batchSize: number, status: HeldParticipant["status"]): GlobalView {
  const env = { config: makeProtocolConfig(4, 1, { batchSize }), verify: verifySymbolic, digest: digestSymbolic };
  const pending = ["t1", "t2", "t3"].map((id): Txn => ({ id, writes: [], reads: [] }))
    .map((t) => signAs(clientId(env.config), t));
  const viewChanges = [1, 2, 3].map((signer) => signAs(asNodeId(signer), {
    kind: "ViewChange" as const, view: asView(1), stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending,
  } satisfies ViewChange));
  const prePrepares = derivedPrePrepares(asView(1), viewChanges, makeJudge(env));
  const held: HeldParticipant = {
    ...initialParticipant(asNodeId(0)), view: asView(1), status,
    newView: { kind: "NewView", view: asView(1), viewChanges, prePrepares },
  };
  return view({ participants: [participant(0, [], { view: 1, held }), participant(1), participant(2)] });
}
