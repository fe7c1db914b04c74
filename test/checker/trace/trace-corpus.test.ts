/**
 * The golden traces (STYLE.md): every counterexample ever found lives under
 * traces/ and replays to its recorded result: the same invariant violated, every
 * step enabled, every fingerprint equal. A fixed bug's trace moves to
 * traces/fixed/ and must then run clean. A fingerprint change means the world or
 * its encoding changed meaning: read the replay, then `REWRITE=1 npm test`
 * rewrites the fingerprints of traces that still reproduce. A trace found under a
 * mutant (config.mutant) replays in that mutant's patched build, the only core
 * that carries it (checker/mutants/patched-build.ts). A recorded prefix under
 * traces/roots/ (a root for `--from`) holds no violation: it runs clean, every
 * fingerprint equal.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { documentText } from "../../../checker/engine/trace-document.js";
import { loadTrace } from "../../../checker/trace/trace-file.js";
import { fingerprintProblem, replayTrace } from "../../../checker/trace/replay.js";
import { verdictLine } from "../../../checker/render/replay-text.js";
import { PatchedBuilds } from "../../support/patched-builds.js";
import { corpusFiles, repoRoot } from "../../support/replay-cli.js";

const fixedDir = path.join("traces", "fixed") + path.sep;
const rootsDir = path.join("traces", "roots") + path.sep;

describe("trace corpus (traces/**/*.json)", () => {
  const files = corpusFiles();
  const builds = new PatchedBuilds();
  after(() => builds.dispose());

  it("holds at least one trace", () => assert.ok(files.length > 0));

  for (const file of files) {
    it(`${file} replays to its recorded result`, async () => {
      const loaded = loadTrace(path.join(repoRoot, file));
      if (!loaded.ok) assert.fail(loaded.error);
      const { trace, config } = loaded.value;
      assert.equal(fingerprintProblem(trace), null);
      const replay = config.mutant === null ? replayTrace : (await builds.modules(config.mutant)).replay.replayTrace;
      const report = replay(trace, config);
      if (file.startsWith(fixedDir)) {
        assert.equal(report.verdict, "clean", verdictLine(report));
        return;
      }
      if (file.startsWith(rootsDir)) {
        assert.equal(report.verdict, "clean", verdictLine(report));
        assert.equal(report.skipped, 0);
        assert.equal(report.firstDivergence, null, `${file}: step ${report.firstDivergence?.step} diverges`);
        return;
      }
      assert.equal(report.verdict, "reproduced", verdictLine(report));
      assert.equal(report.violation?.invariant, trace.violation?.invariant);
      assert.equal(report.skipped, 0);
      if (report.firstDivergence !== null && process.env["REWRITE"] === "1") {
        const fingerprints = report.steps.map((s) => s.fingerprint ?? "");
        fs.writeFileSync(path.join(repoRoot, file), documentText({ ...trace, fingerprints }));
        return;
      }
      assert.equal(report.firstDivergence, null,
        `${file}: step ${report.firstDivergence?.step} diverges (${report.firstDivergence?.detail}); ` +
        "if the change is meant, REWRITE=1 npm test");
    });
  }
});
