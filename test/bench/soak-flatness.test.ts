/** The soak's flatness criterion (bench/soak-flatness.ts): medians for rates, a second-half slope for RSS. */
import assert from "node:assert/strict";
import { flatness, type SoakRow } from "../../bench/soak-flatness.js";

const row = (i: number, over: Partial<SoakRow> = {}): SoakRow => ({
  "txns to": (i + 1) * 1000, "txn/s": 40, "CPU ms/txn": 20, "KB written/txn": 100, "max P RSS MB": 150,
  "C RSS MB": 120, ...over,
});
const rows = (count: number, over: (i: number) => Partial<SoakRow> = () => ({})): SoakRow[] =>
  Array.from({ length: count }, (_, i) => row(i, over(i)));

describe("soak flatness (bench/soak-flatness.ts)", () => {
  it("calls steady figures flat, with a slow first window and one noisy late window", () => {
    const judged = flatness(rows(20, (i) => (i === 0 ? { "txn/s": 10 } : i === 18 ? { "txn/s": 20 } : {})));
    assert.equal(judged.verdict, "verdict: flat");
    assert.equal(judged.lines.length, 5);
  });

  it("names a rate that degrades past the tolerance", () => {
    const judged = flatness(rows(20, (i) => ({ "CPU ms/txn": 20 + i })));
    assert.match(judged.verdict, /^verdict: NOT flat \(CPU ms\/txn x/);
  });

  it("names RSS growing like the unpruned outcome table (3.2 MB per 1000 txns)", () => {
    const judged = flatness(rows(20, (i) => ({ "max P RSS MB": 100 + 3.2 * i })));
    assert.equal(judged.verdict, "verdict: NOT flat (max P RSS MB +3.20 MB/1000 txns)");
  });

  it("gives no verdict on too few windows", () => {
    assert.equal(flatness(rows(5)).verdict, "verdict: none (5 windows, need 6)");
  });
});
