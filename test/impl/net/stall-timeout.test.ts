/** The stall timeout that gates resends (stall-timeout.ts). */
import assert from "node:assert/strict";
import { StallTimeout, stallBoundsFor, stallFactor, stallSampleMax } from "../../../impl/net/stall-timeout.js";

describe("stall timeout", () => {
  it("is one resend period below, two or a quarter of the view-change timeout above", () => {
    assert.deepEqual(stallBoundsFor(4, 80, 250), { lowMs: 1_000, highMs: 2_000 });
    assert.deepEqual(stallBoundsFor(4, 12, 250), { lowMs: 1_000, highMs: 1_000 }, "3 s / 4 is less than 2 s");
    assert.deepEqual(stallBoundsFor(4, 8, 100), { lowMs: 400, highMs: 400 }, "never below one period");
  });

  it("starts at the lower bound and follows twice the median of recent latencies, within the bounds", () => {
    const stall = new StallTimeout({ lowMs: 1_000, highMs: 8_000 });
    assert.equal(stall.ms, 1_000);
    for (let i = 0; i < 96; i++) stall.observe(i % 4 === 0 ? 20_000 : 500);
    assert.equal(stall.ms, stallFactor * 500, "a quarter of samples late (lost messages) leaves the median alone");
    for (let i = 0; i < stallSampleMax; i++) stall.observe(3_000);
    assert.equal(stall.ms, 6_000, "old samples age out");
    for (let i = 0; i < stallSampleMax; i++) stall.observe(10_000);
    assert.equal(stall.ms, 8_000, "capped");
    for (let i = 0; i < stallSampleMax; i++) stall.observe(10);
    assert.equal(stall.ms, 1_000, "floored");
    stall.observe(Number.NaN);
    stall.observe(-5);
    assert.equal(stall.ms, 1_000, "nonsense samples are ignored");
  });
});
