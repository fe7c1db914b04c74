/**
 * `npm run hunt` as a user runs it: bad flags are one line and exit 2; on the unmutated core a short hunt finds
 * nothing and exits 0, each search stopped by its share of the budget (its finding a violation is covered by the
 * portfolio's searches, each a plain `npm run check` whose catches the catalog and its tests show).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const huntMain = fileURLToPath(new URL("../../../checker/cli/hunt-main.js", import.meta.url));

function hunt(args: readonly string[]) {
  const r = spawnSync(process.execPath, [huntMain, ...args], { encoding: "utf8", timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run hunt", () => {
  it("refuses a bad flag, an unknown search and a tiny budget with one line and exit 2", () => {
    for (const [args, pattern] of [
      [["--nope"], /unknown flag|--nope/], [["--only", "bfs,nope"], /--only takes names of .*"nope"/],
      [["--seconds", "3"], /--seconds must be in 10\.\./], [["--jobs", "x"], /--jobs takes an integer/],
    ] as const) {
      const r = hunt(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "");
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] as string, /^hunt: /);
      assert.match(lines[0] as string, pattern);
    }
  });

  it("finds nothing on the unmutated core within a short budget, exit 0, one verdict per search", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-hunt-"));
    const r = hunt(["--only", "bfs,swarm", "--seconds", "10", "--jobs", "2", "--out", out, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { share: number; outcomes: { name: string; verdict: string }[] };
    assert.equal(report.share, 10);
    assert.deepEqual(report.outcomes.map((o) => o.name), ["bfs", "swarm"]);
    for (const o of report.outcomes) assert.ok(["clean", "incomplete"].includes(o.verdict), JSON.stringify(o));
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
