/**
 * Dead-message collection (checker/model/dead-mail.ts) must not change what honest nodes
 * can do: on configurations small enough to search both ways, the set of honest
 * node-state tuples (every honest node's whole state and armed timers, so decisions,
 * replies, proven sets, views and logs alike) reached within the same depth, and the
 * verdict, are equal with and without it, composed with the latent-Byzantine
 * reduction or not. Collection only forgets mail no node will ever act on, so each
 * path of one search has a path of the other, no longer, to the same honest states.
 * A planted bug (a catalog mutant) is still found, and its path replays in the
 * uncollected world.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { exploreBfs, type BfsResult } from "../../../checker/model/world-bfs.js";
import type { World } from "../../../checker/model/world.js";
import { PatchedBuilds } from "../../support/patched-builds.js";

function honestStates(world: World, ctx: CheckContext): string {
  return ctx.honest.map((id) => {
    const h = ctx.hasher.hash(world.nodes[id]);
    return `${id}:${h.hi}:${h.lo}:${world.timers[id] ?? 0}`;
  }).join("|");
}

interface Searched { readonly result: BfsResult; readonly seen: Set<string> }

function search(input: CheckConfigInput, depth: number, latent: boolean, collect: boolean): Searched {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  const ctx = makeContext(made.config);
  const seen = new Set<string>();
  const result = exploreBfs(ctx, {
    depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: latent, collectDeadMail: collect,
    verifyFingerprints: collect, onState: (w) => { seen.add(honestStates(w, ctx)); },
  });
  return { result, seen };
}

const noFaults = { loss: 0, dup: 0, timeouts: 0 };
// Each case: name, config, depth, with the latent-Byzantine reduction (the default) or not. Sizes are chosen so
// that the uncollected search stays under ~100 k states, and that the collection merges states in each.
const cases: [name: string, input: CheckConfigInput, depth: number, latent: boolean][] = [
  ["equivocating P3 (SPIN's model a): honest votes made dead by P3's",
    { strategy: "equivocate", budgets: noFaults }, 9, true],
  ["equivocating P3, no latent reduction", { strategy: "equivocate", budgets: noFaults }, 6, false],
  ["silent coordinator, two timeouts: a view change to P0, mail to the stopped coordinator", {
    coordinator: "silent", strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 2 },
  }, 9, true],
  ["silent coordinator with a crash and a loss (restarts from the persisted state)", {
    coordinator: "silent", strategy: "silent", budgets: { loss: 1, dup: 0, timeouts: 2, crashes: 1 },
  }, 7, true],
];

describe("dead-message collection (--reduce dead-mail)", () => {
  for (const [name, input, depth, latent] of cases) {
    it(`reaches the same honest states and verdict: ${name}, depth ${depth}`, function () {
      this.timeout(600_000);
      const full = search(input, depth, latent, false);
      const collected = search(input, depth, latent, true);
      assert.deepEqual(collected.result.violation, full.result.violation);
      assert.equal(collected.result.complete, full.result.complete);
      const missing = [...full.seen].filter((s) => !collected.seen.has(s));
      const extra = [...collected.seen].filter((s) => !full.seen.has(s));
      assert.deepEqual([missing.length, extra.length], [0, 0], "honest states lost or invented by the collection");
      assert.ok(full.seen.size > 1, "the comparison must see more than the initial state");
      // Not vacuous: the collection merged some states here.
      assert.ok(collected.result.distinctStates < full.result.distinctStates,
        `${collected.result.distinctStates} states collected, ${full.result.distinctStates} without`);
    });
  }

  // Golden counts with the collection on (the latent-Byzantine reduction too, as by default). Without the collection
  // the same searches give 10,256 / 61,887 and 21,206 / 80,868: it removes the honest PREPAREs and COMMITs that P3's
  // votes made dead (their target prepared or committed without them), and mail to the stopped coordinator.
  const golden: [string, CheckConfigInput, number, number, number][] = [
    ["equivocating P3", { strategy: "equivocate", budgets: noFaults }, 8, 9_446, 58_623],
    ["silent coordinator, two timeouts",
      { coordinator: "silent", strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 2 } }, 8, 18_954, 73_466],
  ];
  for (const [name, input, depth, states, transitions] of golden) {
    it(`golden count: ${name}, depth ${depth}: ${states} states, ${transitions} transitions`, function () {
      this.timeout(600_000);
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const r = exploreBfs(makeContext(made.config), {
        depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, collectDeadMail: true,
      });
      assert.equal(r.violation, null);
      assert.deepEqual([r.distinctStates, r.transitions], [states, transitions]);
    });
  }

  it("still finds a planted bug (mutant execute-out-of-order), on a path that replays uncollected", async function () {
    this.timeout(600_000);
    const builds = new PatchedBuilds();
    try {
      const dist = builds.build("execute-out-of-order").dist;
      const load = async <M>(rel: string): Promise<M> => (await import(pathToFileURL(path.join(dist, rel)).href)) as M;
      const checkConfig =
        await load<typeof import("../../../checker/model/check-config.js")>("checker/model/check-config.js");
      const context = await load<typeof import("../../../checker/model/context.js")>("checker/model/context.js");
      const bfs = await load<typeof import("../../../checker/model/world-bfs.js")>("checker/model/world-bfs.js");
      const traces = await load<typeof import("../../../checker/trace/trace-file.js")>("checker/trace/trace-file.js");
      const replay = await load<typeof import("../../../checker/trace/replay.js")>("checker/trace/replay.js");
      const made = checkConfig.makeCheckConfig({
        strategy: "silent", txnCount: 2, budgets: noFaults, mutant: "execute-out-of-order",
      });
      assert.ok(made.ok);
      const found: (string | undefined)[] = [];
      for (const collect of [false, true]) {
        const ctx = context.makeContext(made.config);
        const r = bfs.exploreBfs(ctx, {
          depthMax: 40, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, collectDeadMail: collect,
        });
        assert.ok(r.violation !== null, `not found${collect ? " with dead-mail collection" : ""}`);
        found.push(r.violation.invariant);
        const trace = traces.traceFromPath(ctx, r.violation.path, {
          mode: "bfs", seed: null, violation: { invariant: r.violation.invariant, message: r.violation.message },
        });
        const replayed = replay.replayTrace(trace, made.config);
        assert.equal(replayed.violation?.invariant, "integrity");
      }
      assert.deepEqual(found, ["integrity", "integrity"]);
    } finally {
      builds.dispose();
    }
  });
});
