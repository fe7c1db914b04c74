/**
 * The latent-Byzantine reduction with two Byzantine participants (checker/model/latent-bundles.ts): an absorbed
 * faulty vote is kept only when it heads a bundle. On configurations small enough to search both ways, the
 * reduced search reaches exactly the honest-observable projections (decisions, replies, proven sets, and each
 * slot's phase past "idle") and the verdict of the unreduced one. Bundles need a few honest votes first, so most
 * cases search from a root reached by a scripted prefix (the quorum of latent-reduction-f2.test.ts and beyond). A
 * planted bug that needs both faulty COMMITs (mutant commit-quorum-2f) is still found, on a path that replays.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import type { CheckContext } from "../../../checker/model/context.js";
import type { Action } from "../../../checker/model/actions.js";
import type { World } from "../../../checker/model/world.js";
import { checkerModules, PatchedBuilds, type CheckerModules } from "../../support/patched-builds.js";

type Bfs = typeof import("../../../checker/model/world-bfs.js");
const noFaults = { loss: 0, dup: 0, timeouts: 0 };
const oneTxn = (strategy: CheckConfigInput["strategy"]): CheckConfigInput =>
  ({ f: 2, txnCount: 1, strategy, budgets: noFaults });

function projection(world: World, ctx: CheckContext): string {
  return ctx.honest.map((id) => {
    const node = world.nodes[id];
    if (node === undefined) return "";
    if (node.role === "participant") {
      // A slot that only logs votes ("idle") is the silent vote itself, which the reduction postpones: not shown.
      const phases = node.slots.filter((s) => s.phase !== "idle").map((s) => `${s.seq}${s.phase}`).join(",");
      return `P${id}:${node.lastExecuted}:${JSON.stringify(node.replica.outcomes)}:${node.proven}:${phases}`;
    }
    return `C:${JSON.stringify(node.replies)}:${node.proven}`;
  }).join("|");
}

/** One step of a scripted prefix: a delivery (kind, from, to) or a faulty node's vote of the pre-prepared digest. */
type Scripted = readonly [kind: "Prepare" | "Commit" | "PrePrepare", from: number | "C", to: number, byzantine?: true];

/** The world after `script` from the initial one, each step the first enabled action that matches. */
function scriptedRoot(m: CheckerModules, ctx: CheckContext, script: readonly Scripted[]): World {
  let world = m.initialWorld.initialWorld(ctx);
  for (const [kind, sender, to, byzantine] of script) {
    const from = sender === "C" ? ctx.coordinator : sender;
    const target = world.nodes[to];
    assert.ok(target !== undefined && target.role === "participant");
    const digest = target.slots[0]?.prePrepare?.body.digest;
    const match = (a: Action): boolean => byzantine === true
      ? a.kind === "byzantine" && a.from === from && a.to === to && a.message.kind === kind &&
        a.message.view === 0 && "digest" in a.message && a.message.digest === digest
      : a.kind === "deliver" && a.envelope.message.body.kind === kind && a.envelope.from === from &&
        a.envelope.to === to;
    const action = m.actions.enabledActions(world, ctx).find(match);
    assert.ok(action !== undefined, `no enabled action: ${kind} from ${sender} to P${to}`);
    const applied = m.apply.apply(world, action, ctx);
    assert.equal(applied.violation, null);
    world = applied.world;
  }
  return world;
}

const prePrepares = (to: readonly number[]): Scripted[] => to.map((p) => ["PrePrepare", "C", p]);
/** P`to` prepared: the PREPAREs of two honest `others` and both faulty participants'. */
const prepared = (to: number, others: readonly number[]): Scripted[] =>
  [...others.map((o): Scripted => ["Prepare", o, to]), ["Prepare", 5, to, true], ["Prepare", 6, to, true]];
/** P0 short of a PREPARE quorum by the two faulty votes (latent-reduction-f2.test.ts). */
const quorumNeedsBoth: Scripted[] = [...prePrepares([0, 1, 2]), ["Prepare", 1, 0], ["Prepare", 2, 0]];
/** P0 and P1 prepared, P1's COMMIT at P0: P0 short of a COMMIT quorum by the two faulty votes and one honest. */
const commitNeedsBoth: Scripted[] = [...prePrepares([0, 1, 2]), ...prepared(0, [1, 2]), ...prepared(1, [0, 2]),
  ["Commit", 1, 0]];
/** P0, P1 and P2 prepared, their COMMITs at P0 in flight: P0 decides once it has two more and both faulty ones. */
const nearDecision: Scripted[] = [...prePrepares([0, 1, 2]), ...prepared(0, [1, 2]), ...prepared(1, [0, 2]),
  ...prepared(2, [0, 1])];

interface Searched { readonly seen: Set<string>; readonly states: number; readonly violation: unknown }

async function search(input: CheckConfigInput, script: readonly Scripted[], depth: number, reduce: boolean):
  Promise<Searched> {
  const m = await checkerModules();
  const bfs: Bfs = await import("../../../checker/model/world-bfs.js");
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  const ctx = m.context.makeContext(made.config);
  const seen = new Set<string>();
  const root = scriptedRoot(m, ctx, script);
  // The root's own projection: an unreduced search reaches it again after a silent vote, a reduced one need not.
  seen.add(projection(root, ctx));
  const r = bfs.exploreBfs(ctx, {
    depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: reduce,
    onState: (w) => { seen.add(projection(w, ctx)); }, ...(script.length === 0 ? {} : { root }),
  });
  return { seen, states: r.distinctStates, violation: r.violation };
}

describe("latent-Byzantine reduction with two Byzantine participants (bundles)", () => {
  const cases: [name: string, input: CheckConfigInput, script: readonly Scripted[], depth: number,
    mustSee: RegExp][] = [
    ["from the initial world, equivocating votes", oneTxn("equivocate"), [], 4, /./],
    ["from the initial world, the whole alphabet", oneTxn("all"), [], 2, /./],
    ["P0's PREPARE quorum needs both faulty votes, the whole alphabet", oneTxn("all"), quorumNeedsBoth, 2,
      /^P0:0:\[\]:[^:]*:1prepared/],
    ["P0's COMMIT quorum needs both faulty votes and one honest", oneTxn("equivocate"), commitNeedsBoth, 4,
      /./],
    // Depth 4 is P1's decision (two honest COMMITs, P5's, P6's). At depth 5 a proof at P0 or P2 against P5 or P6
    // on top of it is lost from this root: the prefix delivered the faulty PREPAREs alone, so the conflicting vote
    // is a lone silent move, where a search from the initial world delivers the equivocation pair as the bundle's
    // head instead. A root limits the comparison to what its prefix leaves open.
    ["an honest participant decides", oneTxn("equivocate"), nearDecision, 4, /\|P1:1:\[\{/],
  ];
  for (const [name, input, script, depth, mustSee] of cases) {
    it(`reaches the same honest-observable projections and verdict: ${name}, depth ${depth}`, async function () {
      this.timeout(600_000);
      const full = await search(input, script, depth, false);
      const reduced = await search(input, script, depth, true);
      assert.deepEqual(reduced.violation, full.violation);
      const missing = [...full.seen].filter((p) => !reduced.seen.has(p));
      const extra = [...reduced.seen].filter((p) => !full.seen.has(p));
      assert.deepEqual([missing, extra], [[], []], "projections lost or invented by the reduction");
      assert.ok(full.seen.size > 1, "the comparison must see more than the root");
      assert.ok([...reduced.seen].some((p) => mustSee.test(p)), `no projection matches ${mustSee}`);
      // Not vacuous: the reduction removed states here.
      assert.ok(reduced.states < full.states, `${reduced.states} states reduced, ${full.states} without`);
    });
  }

  it("counts the skipped silent votes in place exactly as trying each (the same states and transitions)", async () => {
    const m = await checkerModules();
    const bfs: Bfs = await import("../../../checker/model/world-bfs.js");
    const counts = [true, false].map((countInPlace) => {
      const made = makeCheckConfig(oneTxn("equivocate"));
      assert.ok(made.ok);
      const ctx = m.context.makeContext(made.config);
      const root = scriptedRoot(m, ctx, commitNeedsBoth);
      const r = bfs.exploreBfs(ctx, {
        depthMax: 3, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, root, countInPlace,
      });
      return [r.distinctStates, r.transitions];
    });
    assert.deepEqual(counts[0], counts[1]);
  });

  it("still finds a planted bug that needs both faulty COMMITs (mutant commit-quorum-2f), on a path that replays",
    async function () {
      this.timeout(600_000);
      const builds = new PatchedBuilds();
      try {
        const dist = builds.build("commit-quorum-2f").dist;
        const m = await checkerModules(dist);
        const bfs = (await import(pathToFileURL(path.join(dist, "checker/model/world-bfs.js")).href)) as Bfs;
        const made = makeCheckConfig({ ...oneTxn("equivocate"), mutant: "commit-quorum-2f" });
        assert.ok(made.ok);
        const ctx = m.context.makeContext(made.config);
        const root = scriptedRoot(m, ctx, commitNeedsBoth);
        const r = bfs.exploreBfs(ctx, {
          depthMax: 3, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, root,
        });
        assert.ok(r.violation !== null, "not found with the reduction");
        assert.equal(r.violation.invariant, "justified committed slots");
        let world = root;
        let violation: string | null = null;
        for (const index of r.violation.path) {
          const action = m.actions.actionAt(world, ctx, index);
          assert.ok(action !== undefined);
          const applied = m.apply.apply(world, action, ctx);
          world = applied.world;
          violation = applied.violation?.invariant ?? violation;
        }
        assert.equal(violation, "justified committed slots");
      } finally {
        builds.dispose();
      }
    });
});
