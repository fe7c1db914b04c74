/**
 * The checker reaches a NEW-VIEW with batched orphans (issue 15): a BFS rooted at
 * traces/roots/orphan-batch-two-view-changes.json (batches of two, t3 and t4 orphaned, P0 Byzantine and leader of
 * view 1; its script is in checker/trace/recorded-roots.ts) judges every continuation of DEPTH steps, the
 * adversary's included, against every invariant, and reaches "a new view re-proposes a batch of orphans". With
 * `orphanBatches` broken by hand (its batch reversed, the spec's rule 4 left as is) the same search reports
 * "justified views" (README, Figures).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { orphanBatchInstalled, viewChangeCompleted } from "../../../spec/invariants/sometimes.js";
import { repoRoot } from "../../support/replay-cli.js";

const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));
const root = "traces/roots/orphan-batch-two-view-changes.json";
const depth = 2;

describe("a BFS from orphan-batch-two-view-changes reaches a NEW-VIEW with batched orphans", () => {
  it(`depth ${depth}: clean, and an honest participant installs t3 and t4 in one orphan PRE-PREPARE`, () => {
    const expected = [orphanBatchInstalled.name, viewChangeCompleted.name];
    const r = spawnSync(process.execPath,
      [checkMain, "--from", root, "--depth", String(depth), "--expect", expected.join(","), "--json"],
      { cwd: repoRoot, encoding: "utf8", timeout: 300_000 });
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { verdict: string; complete: boolean; violations: unknown[];
      sometimes: Record<string, boolean>; config: { protocol: { batchSize?: number } } };
    assert.equal(s.verdict, "clean");
    assert.deepEqual(s.violations, []);
    assert.equal(s.config.protocol.batchSize, 2);
    for (const name of expected) assert.equal(s.sometimes[name], true, name);
  });
});
