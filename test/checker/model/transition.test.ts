/**
 * One transition path (transition.ts): the fingerprint read from an action's delta
 * (successor-fingerprint.ts `after`) must be the fingerprint of the world built from
 * that same delta (`commit`), for every kind of action, self-loops and actions the
 * search would skip included (the explorer's own check, verifyFingerprints, sees only
 * new states). A delta that changes nothing must commit to its parent unchanged.
 */
import assert from "node:assert/strict";
import { forEachAction, type Action } from "../../../checker/model/actions.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { BfsFingerprints } from "../../../checker/model/successor-fingerprint.js";
import { commit, emptyDelta, transition } from "../../../checker/model/transition.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import type { World } from "../../../checker/model/world.js";

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

/** Every `stride`-th state a small search reaches, up to `count` of them. */
function sampleWorlds(ctx: CheckContext, depth: number, stride: number, count: number): World[] {
  const worlds: World[] = [];
  let seen = 0;
  exploreBfs(ctx, {
    depthMax: depth, statesMax: 1_000_000, bytesMax: 2 ** 28,
    onState: (w) => { if (seen++ % stride === 0 && worlds.length < count) worlds.push(w); },
  });
  return worlds;
}

/** Checks every action (self-loops too) of every sampled world; returns how often each action kind came up. */
function checkDeltas(ctx: CheckContext, worlds: readonly World[]): Map<Action["kind"], number> {
  const incremental = new BfsFingerprints(ctx);
  const scratch = new BfsFingerprints(ctx);
  const fp = { hi: 0, lo: 0 };
  const full = { hi: 0, lo: 0 };
  const kinds = new Map<Action["kind"], number>();
  for (const world of worlds) {
    incremental.setParent(world);
    const delta = emptyDelta(world);
    forEachAction(world, ctx, (action) => {
      kinds.set(action.kind, (kinds.get(action.kind) ?? 0) + 1);
      transition(world, action, ctx, delta);
      const built = commit(world, delta, ctx);
      incremental.after(delta, fp);
      scratch.full(built, full);
      assert.deepEqual(fp, full, `${action.kind}: the delta's fingerprint is not the built world's`);
      const unchanged = delta.node < 0 && delta.removed === null && delta.copied === null &&
        delta.used === world.used && delta.isolated === world.isolated && delta.silenced === world.silenced;
      if (unchanged) assert.equal(built, world, `${action.kind}: a delta that changes nothing built a new world`);
    }, true);
  }
  return kinds;
}

describe("transition deltas", () => {
  it("fingerprint as the world they build: every fault, a silent coordinator", () => {
    const ctx = context({
      coordinator: "silent", budgets: { loss: 1, dup: 1, timeouts: 2, crashes: 1, partitions: 1 },
    });
    const kinds = checkDeltas(ctx, sampleWorlds(ctx, 3, 5, 300));
    for (const kind of ["deliver", "drop", "duplicate", "fire", "isolate", "heal", "crash", "silence", "byzantine"]) {
      assert.ok((kinds.get(kind as Action["kind"]) ?? 0) > 0, `no ${kind} action: ${[...kinds.keys()].join(" ")}`);
    }
  });

  it("fingerprint as the world they build: a Byzantine coordinator's replays and equivocations", () => {
    const ctx = context({ coordinator: "byzantine", budgets: { loss: 0, dup: 0, timeouts: 0 } });
    const kinds = checkDeltas(ctx, sampleWorlds(ctx, 3, 11, 300));
    for (const kind of ["deliver", "byzantine", "replay", "equivocate"]) {
      assert.ok((kinds.get(kind as Action["kind"]) ?? 0) > 0, `no ${kind} action: ${[...kinds.keys()].join(" ")}`);
    }
  });
});
