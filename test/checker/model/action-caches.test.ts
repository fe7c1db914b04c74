/**
 * What the runs of one context share: the composites per knowledge content (action-caches.ts: CompositeTable) and
 * which moves change a node state's value (adversary-effective.ts: rows by value); everything else a run
 * memoises is its own. Sharing must not make a run depend on the runs before it: a run after others takes the
 * same steps, enabled in the same places, with the same verdict, as that run on a fresh context.
 */
import assert from "node:assert/strict";
import { describeAction } from "../../../checker/model/action-codec.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, withFreshTables, type CheckContext } from "../../../checker/model/context.js";
import { runChoices, runOptionsFor } from "../../../checker/search/random-run.js";
import { asNodeId } from "../../../spec/ids.js";

function contextOf(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  return makeContext(made.config);
}

/** A run of `choices` on fresh tables of `ctx`: its path of indices, its actions described, its verdict. */
function run(ctx: CheckContext, choices: readonly number[]): string {
  const fresh = withFreshTables(ctx);
  const outcome = runChoices(fresh, choices, runOptionsFor(fresh, "on"));
  const described = [...outcome.actions, ...outcome.healed].map((a) => JSON.stringify(describeAction(a)));
  return JSON.stringify({ path: outcome.path, described, violation: outcome.violation });
}

/** Choices from a small linear congruential generator: any fixed list serves. */
function choicesOf(seed: number, length: number): number[] {
  let x = seed;
  return Array.from({ length }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 100_000);
}

describe("the composite table shared by the runs of a context", () => {
  const cases: [string, CheckConfigInput][] = [
    ["Byzantine coordinator, corruptions", { coordinator: "byzantine", corrupt: true }],
    ["P0 leading view 1 with timers, corruptions",
      { byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 2 }, corrupt: true }],
  ];
  for (const [name, input] of cases) {
    it(`${name}: a run after others is the run on a fresh context`, function () {
      this.timeout(300_000);
      const shared = contextOf(input);
      const runs = [1, 2, 1, 3].map((seed) => choicesOf(seed, 40));
      const after = runs.map((choices) => run(shared, choices));
      const alone = runs.map((choices) => run(contextOf(input), choices));
      assert.deepEqual(after, alone);
      assert.equal(after[0], after[2], "the same choices twice");
      assert.ok(after.every((r) => JSON.parse(r).described.length > 20), "the runs must take steps");
    });
  }
});
