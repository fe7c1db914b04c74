/**
 * Runs every data-driven script in test/data/*.txt through the scenario driver
 * (test/support/scenario.ts) and compares each command's output with the
 * expectation written under it. `REWRITE=1 npm test` rewrites the expectations
 * from the actual outputs; read the diff before keeping it. Invariant violations
 * fail a script whatever its expectations say.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runDataFile } from "../../support/datadriven.js";
import { Scenario } from "../../support/scenario.js";

// Scripts are read from the source tree (mocha runs from the repo root), not from dist/.
const dataDir = path.join(process.cwd(), "test", "data");
const rewrite = process.env["REWRITE"] === "1";
const scripts = readdirSync(dataDir).filter((f) => f.endsWith(".txt")).sort();

describe("scenario scripts (test/data)", () => {
  it("finds the scripts", () => {
    assert.ok(scripts.length > 0, `no .txt scripts in ${dataDir}`);
  });

  for (const script of scripts) {
    it(script, () => {
      const file = path.join(dataDir, script);
      const text = readFileSync(file, "utf8");
      const scenario = new Scenario();
      const result = runDataFile(text, `test/data/${script}`, (command) => scenario.run(command));
      if (rewrite) {
        if (result.actual !== text) writeFileSync(file, result.actual);
      } else if (result.mismatches.length > 0) {
        assert.fail(`${result.mismatches.length} case(s) differ (REWRITE=1 regenerates):\n\n` +
          `${result.mismatches.join("\n\n")}`);
      }
      assert.deepEqual(scenario.violations, [],
        `invariant violations in ${script}:\n${scenario.violations.join("\n")}\n\n` +
        `the run, command by command:\n${scenario.log.join("\n")}`);
    });
  }
});
