/**
 * `npm run check -- --mode coverage` as a user runs it: the JSON summary, a caught mutant's trace that replays,
 * bad flags.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, spawnReplay } from "../../support/replay-cli.js";

const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));

function check(args: readonly string[]) {
  const r = spawnSync(process.execPath, [checkMain, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Summary {
  mode: string; verdict: string; excursions: number; cells: number; trace: string | null;
  violations: { invariant: string }[]; rerun: string;
}

describe("npm run check -- --mode coverage", () => {
  it("runs its excursions on the unmutated core: clean, exit 0, a re-run command with the seed", () => {
    const r = check([
      "--mode", "coverage", "--byzantine", "", "--timeouts", "3", "--loss", "0", "--dup", "0",
      "--runs", "300", "--steps", "20", "--seed", "4", "--json",
    ]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.mode, "coverage");
    assert.equal(s.verdict, "clean");
    assert.equal(s.excursions, 300);
    assert.ok(s.cells > 1);
    assert.match(s.rerun, /^npm run check -- --mode coverage --byzantine "" .*--runs 300 --steps 20 --seed 4$/);
  });

  it("catches a mutant, writes a shrunk trace, and the trace replays to the same violation", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-coverage-"));
    const r = check([
      "--mode", "coverage", "--mutant", "new-view-lowest-view", "--byzantine", "", "--timeouts", "3",
      "--loss", "0", "--dup", "0", "--runs", "4000", "--steps", "20", "--seed", "1", "--json", "--out", out,
    ]);
    assert.equal(r.status, 1, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.verdict, "violation");
    // I10d (justified views) catches the mutant's NEW-VIEW where it is installed, before replicas split (agreement).
    assert.equal(s.violations[0]?.invariant, "justified views");
    assert.ok(s.trace !== null && fs.existsSync(s.trace));
    const replay = spawnReplay([s.trace]);
    assert.equal(replay.status, 1, replay.stderr);
    assert.match(replay.stdout, /REPRODUCED: justified views/);
  });

  it("rejects random mode's own flags with one line and exit 2", () => {
    const r = check(["--mode", "coverage", "--path", "1:2"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "check: --path is a flag of --mode random, not --mode coverage\n");
  });
});
