/**
 * Counting in place the Byzantine moves that reach no new state (adversary-effective.ts: `inPlace`, with
 * repeated-moves.ts) must explore exactly what trying each of them does: the same new states in the same order,
 * the same transitions, the same verdict and `sometimes` properties. Compared on small configurations against the
 * expander with counting in place off, with and without corruptions, with and without the latent reduction; a repeat
 * of a move in an earlier list to the same target (MoveChain) included.
 */
import assert from "node:assert/strict";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { WorldFingerprinter } from "../../../checker/model/fingerprint.js";
import { RepeatedMoves } from "../../../checker/model/repeated-moves.js";
import { asNodeId } from "../../../spec/ids.js";
import type { RoutedStep } from "../../../checker/model/routed-step.js";
import { exploreBfs, latentReductionProblem, type BfsOptions } from "../../../checker/model/world-bfs.js";

const noFaults = { loss: 0, dup: 0, timeouts: 0 };

function explored(input: CheckConfigInput, depth: number, countInPlace: boolean, extra: Partial<BfsOptions>) {
  const made = makeCheckConfig(input);
  assert.ok(made.ok);
  const ctx = makeContext(made.config);
  const fingerprinter = new WorldFingerprinter(ctx);
  const order: string[] = [];
  const fp = { hi: 0, lo: 0 };
  const result = exploreBfs(ctx, {
    depthMax: depth, statesMax: 2_000_000, bytesMax: 2 ** 30, countInPlace, ...extra,
    reduceLatentByzantine: latentReductionProblem(made.config) === null,
    onState: (w) => { fingerprinter.fingerprint(w, fp); order.push(`${fp.hi}:${fp.lo}`); },
  });
  return { order, states: result.distinctStates, transitions: result.transitions, violation: result.violation,
    stopReason: result.stopReason, reached: result.reached };
}

describe("counting repeated Byzantine moves in place", () => {
  const cases: [string, CheckConfigInput, number, Partial<BfsOptions>][] = [
    ["default with corruptions", { budgets: noFaults, corrupt: true }, 3, {}],
    ["Byzantine coordinator with corruptions", { coordinator: "byzantine", budgets: noFaults, corrupt: true }, 3, {}],
    ["every fault budget at 1 with corruptions",
      { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 }, corrupt: true }, 2, {}],
    // Two Byzantine participants: no latent reduction, so only repeats are counted in place.
    ["f=2 with corruptions, no latent reduction", { f: 2, budgets: noFaults, corrupt: true }, 2, {}],
    ["equivocating P3 with dead mail collected", { strategy: "equivocate", budgets: noFaults }, 8,
      { collectDeadMail: true }],
    ["P0 leading view 1 with a timer, corruptions",
      { byzantine: [asNodeId(0)], budgets: { loss: 0, dup: 0, timeouts: 1 }, corrupt: true }, 3, {}],
  ];
  for (const [name, input, depth, extra] of cases) {
    it(`${name}, depth ${depth}: the same states in the same order, the same transitions and verdict`, function () {
      this.timeout(600_000);
      const tried = explored(input, depth, false, extra);
      const counted = explored(input, depth, true, extra);
      assert.ok(tried.states > 100, "the comparison must see more than a few states");
      assert.deepEqual(counted.order, tried.order);
      assert.deepEqual([counted.states, counted.transitions, counted.stopReason, counted.violation, counted.reached],
        [tried.states, tried.transitions, tried.stopReason, tried.violation, tried.reached]);
    });
  }
});

describe("RepeatedMoves", () => {
  const state = { role: "participant" } as unknown as RoutedStep["state"];
  const other = { role: "participant" } as unknown as RoutedStep["state"];
  const message = { signer: 1 } as unknown as RoutedStep["sends"][number]["message"];
  const step = (s: RoutedStep["state"], to: number, extra: Partial<RoutedStep> = {}): RoutedStep => ({
    state: s, sends: [{ from: 1, to, message, hi: to, lo: 0 }] as unknown as RoutedStep["sends"], knows: [],
    timersSet: 0, timersCleared: 0, violation: null, effect: "reacted", persists: false,
    stateHi: 0, stateLo: 0, sendsHi: 0, sendsLo: 0, ...extra,
  });

  it("a move whose steps change the world as an earlier one's repeats it; any difference does not", () => {
    const repeated = new RepeatedMoves();
    assert.equal(repeated.repeats([step(state, 2)]), false);
    assert.equal(repeated.repeats([step(state, 2)]), true);
    assert.equal(repeated.repeats([step(other, 2)]), false);
    assert.equal(repeated.repeats([step(state, 3)]), false);
    assert.equal(repeated.repeats([step(state, 2, { timersSet: 1 })]), false);
    assert.equal(repeated.repeats([step(state, 2, { persists: true })]), false);
    assert.equal(repeated.repeats([step(state, 2, { effect: "absorbed" })]), false);
    assert.equal(repeated.repeats([step(other, 2), step(state, 2)]), false);
    assert.equal(repeated.repeats([step(other, 2), step(state, 2)]), true);
    assert.equal(repeated.repeats([step(state, 2, { timersSet: 1 })]), true);
  });

  it("a copy knows what its original tried, and what either tries after is its own", () => {
    const original = new RepeatedMoves();
    assert.equal(original.repeats([step(state, 2)]), false);
    const copied = original.copy();
    assert.equal(copied.repeats([step(state, 2)]), true);
    assert.equal(copied.repeats([step(state, 3)]), false);
    assert.equal(original.repeats([step(state, 4)]), false);
    assert.equal(copied.repeats([step(state, 4)]), false);
    assert.equal(original.repeats([step(state, 3)]), false);
  });
});
