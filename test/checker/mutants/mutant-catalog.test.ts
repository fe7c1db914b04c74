/**
 * The mutant catalog (issue 6). Every entry's patch applies to today's core, and
 * its stored counterexample replays: in the mutant's patched build (the real core
 * has no switch for it) it violates the invariant the entry names; with the mutant removed
 * from the config the world departs from the recorded one at the broken rule, the
 * steps that no longer happen are skipped (checker/trace/replay.ts, rule 3), and the run
 * ends clean: the fix is the rule. The unmutated core also runs clean under each
 * entry's search, scaled down here (the full searches are `npm run mutants`).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mutantCatalog } from "../../../checker/mutants/catalog.js";
import { coreDir, patchedFiles } from "../../../checker/mutants/patch-file.js";
import type { MutantCase } from "../../../checker/mutants/mutant-case.js";
import { caseSafetyNetSeconds, runCase, searchOf } from "../../../checker/cli/run-mutant-case.js";
import { replayTrace } from "../../../checker/trace/replay.js";
import { verdictLine } from "../../../checker/render/replay-text.js";
import { loadTrace } from "../../../checker/trace/trace-file.js";
import { makeContext } from "../../../checker/model/context.js";
import { PatchedBuilds } from "../../support/patched-builds.js";
import { mutantTraceOf, repoRoot } from "../../support/replay-cli.js";

/** The entry's search with fewer runs (random) or a smaller depth (BFS): a control, not the catch. */
function scaledDown(entry: MutantCase): MutantCase {
  const search = [...entry.search];
  const at = (flag: string): number => search.indexOf(flag);
  // 200 runs, not 500: with the schema-derived alphabet (issue 12) a random run enumerates several times more moves,
  // and 500 runs of the heaviest entries (Byzantine coordinator, window 1) cost minutes under load. The counts alone
  // bound each search and decide its verdict; the wall clock is only the safety net (a stop fails the test as
  // incomplete, never as a verdict on the core).
  if (at("--runs") >= 0) search[at("--runs") + 1] = "200";
  if (at("--depth") >= 0) search[at("--depth") + 1] = String(Math.min(6, Number(search[at("--depth") + 1])));
  return { ...entry, search };
}

describe("mutant catalog (checker/mutants/)", () => {
  const builds = new PatchedBuilds();
  after(() => builds.dispose());

  it("names each mutant once, each with a core patch that applies today, and leaves --mutant to the runner", () => {
    const names = mutantCatalog.map((c) => c.mutant);
    assert.equal(new Set(names).size, names.length);
    for (const c of mutantCatalog) {
      const files = patchedFiles(repoRoot, c.mutant);
      if (!files.ok) assert.fail(files.error);
      assert.ok(files.value.size > 0, c.mutant);
      for (const [file, text] of files.value) {
        assert.ok(file.startsWith(coreDir), `${c.mutant} patches ${file}`);
        assert.notEqual(text, fs.readFileSync(path.join(repoRoot, file), "utf8"), `${c.mutant} changes ${file}`);
      }
      assert.ok(!c.search.includes("--mutant"), c.mutant);
      assert.equal(searchOf(c, true).config.mutant, c.mutant);
      assert.equal(searchOf(c, false).config.mutant, null);
    }
  });

  for (const entry of mutantCatalog) {
    describe(entry.mutant, () => {
      const file = mutantTraceOf(entry.mutant);
      const load = () => {
        assert.ok(file !== null,
          `traces/mutants/ holds no trace of ${entry.mutant}: npm run mutants -- --only ${entry.mutant}`);
        const loaded = loadTrace(path.join(repoRoot, file));
        if (!loaded.ok) assert.fail(loaded.error);
        return loaded.value;
      };

      if (entry.gap !== undefined) {
        it("survives today: the catalog says what the checker lacks, and no trace claims a catch", () => {
          assert.ok((entry.gap ?? "").length > 40);
          assert.equal(file, null);
        });
      }

      if (entry.gap === undefined) it(`its trace reproduces ${entry.expected} in the patched build`, async () => {
        const { trace, config } = load();
        assert.equal(config.mutant, entry.mutant);
        assert.equal(trace.violation?.invariant, entry.expected);
        const refused = new RegExp(`names mutant "${entry.mutant}", but this is the real core`);
        assert.throws(() => makeContext(config), refused);
        const patched = await builds.modules(entry.mutant);
        const report = patched.replay.replayTrace(trace, config);
        assert.equal(report.verdict, "reproduced", verdictLine(report));
        assert.equal(report.violation?.invariant, entry.expected);
        assert.equal(report.skipped, 0);
        assert.equal(report.firstDivergence, null);
      });

      if (entry.gap === undefined) {
        it("its trace runs clean without the mutant: the world departs at the broken rule", () => {
          const { trace, config } = load();
          const report = replayTrace(trace, { ...config, mutant: null });
          assert.equal(report.verdict, "clean", verdictLine(report));
          assert.equal(report.violation, null);
          // Rule 3 of replay.ts: a fingerprint differs first, so later steps that are not enabled are skipped, not
          // fatal.
          assert.equal(report.firstDivergence?.kind, "fingerprint", verdictLine(report));
        });
      }

      it("the unmutated core is clean under its search (scaled down)", function () {
        this.timeout((caseSafetyNetSeconds + 60) * 1000);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-mutants-"));
        const row = runCase(scaledDown(entry), out, false);
        const found = row.found === null ? "" : ` (${row.found})`;
        assert.equal(row.status, "clean", `${row.command}: ${row.verdict}${found}`);
      });
    });
  }
});
