/** `npm run mutants` as a user runs it: exit codes, the table, --json, --only, --unmutated and the safety net. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { caseSafetyNetSeconds } from "../../../checker/cli/run-mutant-case.js";
import { mutantCatalog } from "../../../checker/mutants/catalog.js";
import { repoRoot } from "../../support/replay-cli.js";

const mutantsMain = fileURLToPath(new URL("../../../checker/cli/mutants-main.js", import.meta.url));

function mutants(args: readonly string[]) {
  // The process's own safety net, past the searches' (a test bound, never a verdict).
  const timeout = (caseSafetyNetSeconds + 60) * 1000;
  const r = spawnSync(process.execPath, [mutantsMain, ...args], { cwd: repoRoot, encoding: "utf8", timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-mutants-cli-"));

describe("npm run mutants", function () {
  this.timeout((caseSafetyNetSeconds + 120) * 1000);

  it("a bad flag is one line on stderr and exit 2", () => {
    const r = mutants(["--no-such-flag"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^mutants: .*no-such-flag.* \(see --help\)\n$/);
  });

  it("a --max-seconds that is not a whole number of seconds is one line and exit 2", () => {
    const r = mutants(["--only", "convict-on-timeout", "--max-seconds", "0.5"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, 'mutants: --max-seconds takes an integer, got "0.5"\n');
  });

  it("an unknown --only is one line naming the catalog, exit 2", () => {
    const r = mutants(["--only", "no-such-mutant"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^mutants: --only: no catalog entry "no-such-mutant" \(known: prepared-2f, .*\)\n$/);
  });

  it("--gate runs the entries without a known gap: one of them is a one-row table, exit 0", () => {
    // The entries with a known gap (README "Status") are left out of the gate; `--gate --only` one exits 2. Since
    // infer-abort-from-null was caught (its entry's search runs all honest), no entry has a gap.
    const gapped = mutantCatalog.filter((c) => c.gap !== undefined).map((c) => c.mutant).sort();
    assert.deepEqual(gapped, []);
    const caught = mutants(["--gate", "--only", "convict-on-timeout", "--out", tempDir(), "--json"]);
    assert.equal(caught.status, 0, caught.stderr);
    assert.equal((JSON.parse(caught.stdout) as { rows: unknown[] }).rows.length, 1);
  });

  it("--only runs one mutant: a table row that says caught, a trace, exit 0", () => {
    const out = tempDir();
    const r = mutants(["--only", "convict-on-timeout", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\| mutant \| expected \| found \| mode \|/);
    const caughtRow = new RegExp("^\\| `convict-on-timeout` \\| detection accuracy \\| detection accuracy \\| random "
      + "\\| runs 1000 \\| \\d+ \\| [\\d.]+ \\| \\d+ \\| caught \\|$", "m");
    assert.match(r.stdout, caughtRow);
    assert.match(r.stdout, /^all 1 mutants caught; /m);
    assert.equal(fs.readdirSync(out).filter((f) => f.includes("convict-on-timeout")).length, 1);
  });

  it("--json prints one object with the rows and the verdict", () => {
    const r = mutants(["--only", "convict-on-timeout", "--out", tempDir(), "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as {
      ok: boolean; mutated: boolean; rows: { mutant: string; found: string; status: string; command: string }[];
    };
    assert.equal(summary.ok, true);
    assert.equal(summary.mutated, true);
    assert.equal(summary.rows.length, 1);
    assert.equal(summary.rows[0]?.found, "detection accuracy");
    assert.match(summary.rows[0]?.command ?? "", /^npm run check -- .* --mutant convict-on-timeout$/);
  });

  it("--unmutated runs the same search on the unmutated core: clean, exit 0", () => {
    const r = mutants(["--only", "convict-on-timeout", "--out", tempDir(), "--unmutated"]);
    assert.equal(r.status, 0, r.stderr);
    const cleanRow = new RegExp("^\\| `convict-on-timeout` \\| detection accuracy \\| — \\| random "
      + "\\| runs 1000 \\| 1000 \\| [\\d.]+ \\| — \\| clean \\|$", "m");
    assert.match(r.stdout, cleanRow);
    assert.match(r.stdout, /^the unmutated core is clean under all 1 searches; /m);
  });

  it("a search the safety net stops is incomplete, not clean: its row, one line on stderr, exit 3", () => {
    // 1,000 runs of ~25 ms each cannot end within a 1 s net, whatever the load.
    const r = mutants(["--only", "convict-on-timeout", "--out", tempDir(), "--unmutated", "--max-seconds", "1"]);
    assert.equal(r.status, 3, r.stderr);
    const stoppedRow = new RegExp("^\\| `convict-on-timeout` \\| detection accuracy \\| — \\| random "
      + "\\| runs 1000 \\| \\d+ \\| [\\d.]+ \\| — \\| incomplete \\|$", "m");
    assert.match(r.stdout, stoppedRow);
    assert.match(r.stdout, /^1 incomplete, the safety net stopped the search before its counts: convict-on-timeout$/m);
    assert.match(r.stderr, /^mutants: incomplete: the 1 s safety net stopped convict-on-timeout before its counts$/m);
  });

  it("a mutant whose search the safety net stops is incomplete, neither caught nor survived: exit 3", () => {
    // Its search catches it at excursion 590 of 2,000, tens of seconds in: never within a 1 s net.
    const r = mutants(["--only", "no-flag-authority", "--out", tempDir(), "--max-seconds", "1", "--json"]);
    assert.equal(r.status, 3, r.stderr);
    const summary = JSON.parse(r.stdout) as { ok: boolean; rows: { found: string | null; status: string }[] };
    assert.equal(summary.ok, false);
    assert.deepEqual(summary.rows.map((row) => [row.found, row.status]), [[null, "incomplete"]]);
    assert.match(r.stderr, /^mutants: incomplete: the 1 s safety net stopped no-flag-authority before its counts$/m);
  });
});
