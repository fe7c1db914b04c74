/** The growth table's flags and one short real table (growth-main.ts). */
import assert from "node:assert/strict";
import { formatRow, growthRows, parseGrowthArgs, type GrowthRow } from "../../bench/growth-main.js";

describe("growth table", () => {
  it("reads its flags, passes what follows -- to the checker, and names a bad flag in one line", () => {
    const parsed = parseGrowthArgs(["--budget", "60", "--only", "f2", "--", "--reduce", "none"]);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.budgetSeconds, 60);
    assert.deepEqual(parsed.value.only, ["f2"]);
    assert.deepEqual(parsed.value.extra, ["--reduce", "none"]);
    const bad = parseGrowthArgs(["--only", "f3"]);
    assert.ok(!bad.ok);
    assert.equal(bad.error, "--only: no world named f3");
    const zero = parseGrowthArgs(["--budget", "0"]);
    assert.ok(!zero.ok);
  });

  it("runs the checker depth by depth and reports growing counts, CPU and memory", function () {
    this.timeout(120_000);
    const rows = [...growthRows({ budgetSeconds: 60, maxDepth: 2, only: ["f2-one-txn"], extra: [] })];
    assert.equal(rows.length, 2);
    const [one, two] = rows as GrowthRow[];
    assert.ok(one !== undefined && two !== undefined && !("error" in one) && !("error" in two));
    assert.deepEqual([one.depth, two.depth], [1, 2]);
    assert.equal(two.stopReason, "depth");
    assert.ok(two.states > one.states && one.states > 1, `${one.states} then ${two.states} states`);
    assert.ok(two.cpuMs > 0 && two.peakRssMiB > 0);
    assert.match(formatRow(two), /^\| f2-one-txn \| 2 \| [\d,]+ \| /);
    const bad = [...growthRows({ budgetSeconds: 60, maxDepth: 1, only: ["f1"], extra: ["--f", "x"] })];
    assert.equal(bad.length, 1);
    assert.ok(bad[0] !== undefined && "error" in bad[0]);
  });
});
