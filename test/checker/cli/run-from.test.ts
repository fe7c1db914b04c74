/** `npm run check -- --from TRACE`: BFS rooted at a trace's end state, and the one-line errors of bad input. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, spawnReplay } from "../../support/replay-cli.js";

const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));
const root = "traces/roots/view-change-timers-fired.json";

function check(args: readonly string[]) {
  const r = spawnSync(process.execPath, [checkMain, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertOneLineError(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

describe("npm run check -- --from TRACE", () => {
  it("searches from the recorded view-change prefix: depth counts from its end, clean, exit 0", () => {
    const r = check(["--from", root, "--depth", "1", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { verdict: string; from: string; prefixSteps: number; depthExplored: number;
      distinctStates: number; config: { budgets: { timeouts: number } } };
    assert.equal(s.verdict, "clean");
    assert.equal(s.from, root);
    assert.equal(s.prefixSteps, 6);
    assert.equal(s.depthExplored, 1);
    assert.ok(s.distinctStates > 1);
    assert.equal(s.config.budgets.timeouts, 3);
  });

  it("from a mutant's counterexample less its last step, finds it again; its trace (prefix + path) replays", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "from-"));
    const found = fs.readdirSync(path.join(repoRoot, "traces", "mutants"))
      .find((f) => f.startsWith("justified-views-new-view-lowest-view-"));
    assert.ok(found !== undefined, "traces/mutants/ holds new-view-lowest-view's trace");
    const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, "traces", "mutants", found), "utf8")) as
      { actions: unknown[]; fingerprints: unknown[]; violation: unknown };
    const prefix = { ...trace, actions: trace.actions.slice(0, -1), fingerprints: trace.fingerprints.slice(0, -1),
      violation: null };
    const file = path.join(dir, "prefix.json");
    fs.writeFileSync(file, JSON.stringify(prefix));
    const r = check(["--from", file, "--depth", "1", "--json", "--out", dir]);
    assert.equal(r.status, 1, r.stderr);
    const s = JSON.parse(r.stdout) as { verdict: string; prefixSteps: number; trace: string;
      violations: { invariant: string }[] };
    assert.equal(s.verdict, "violation");
    assert.equal(s.prefixSteps, trace.actions.length - 1);
    assert.equal(s.violations[0]?.invariant, "justified views");
    const replay = spawnReplay([s.trace]);
    assert.equal(replay.status, 1, replay.stderr);
    assert.match(replay.stdout, /REPRODUCED: justified views/);
  });

  it("--corrupt widens the alphabet from the trace's end state: same prefix, more moves, the config says so", () => {
    type Summary = { verdict: string; prefixSteps: number; transitions: number; distinctStates: number;
      config: { corrupt?: boolean } };
    const search = (extra: string[]) => {
      const r = check(["--from", root, "--depth", "2", "--json", ...extra]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as Summary;
    };
    const plain = search([]);
    const corrupt = search(["--corrupt"]);
    assert.equal(corrupt.verdict, "clean");
    assert.equal(corrupt.prefixSteps, plain.prefixSteps);
    assert.equal(plain.config.corrupt, undefined);
    assert.equal(corrupt.config.corrupt, true);
    // At depth 2 the faulty P3's corrupted composites are new moves, and some reach new states.
    assert.ok(corrupt.transitions > plain.transitions, `${corrupt.transitions} > ${plain.transitions}`);
    assert.ok(corrupt.distinctStates > plain.distinctStates, `${corrupt.distinctStates} > ${plain.distinctStates}`);
  });

  it("a missing file, a file that is no trace, and a trace whose step does not replay are one-line errors", () => {
    assertOneLineError(check(["--from", "traces/roots/no-such.json"]), /^check: --from .*no-such\.json: cannot read/);
    assertOneLineError(check(["--from", "package.json"]), /^check: --from package\.json: /);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "from-"));
    const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, root), "utf8")) as { actions: unknown[] };
    // The last step again: the view-change timer it fires is no longer armed.
    trace.actions.push(trace.actions[trace.actions.length - 1]);
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify(trace));
    assertOneLineError(check(["--from", bad]), /step 7 \(fire\) is not enabled there/);
  });

  it("refuses config flags (the trace's config is the search's), --swarm, and --depth outside BFS", () => {
    assertOneLineError(check(["--from", root, "--f", "1"]), /--from takes the config from the trace: drop --f$/m);
    assertOneLineError(check(["--from", root, "--mode", "random", "--loss", "2"]), /drop --loss$/m);
    assertOneLineError(check(["--from", root, "--mode", "random", "--swarm"]), /--swarm would draw one per run$/m);
    assertOneLineError(check(["--from", root, "--mode", "coverage", "--depth", "3"]),
      /--from with --mode coverage counts --steps from the trace's end, not --depth$/m);
    assertOneLineError(check(["--from", "traces/roots/no-such.json", "--mode", "random"]),
      /no-such\.json: cannot read/);
  });
});

describe("npm run check -- --mode random|coverage --from TRACE", () => {
  const leftBehind = "traces/roots/left-behind-by-checkpoints.json";
  type Summary = { verdict: string; from: string; prefixSteps: number; rerun: string; trace: string | null;
    violations: { invariant: string; message: string }[] };

  for (const mode of ["random", "coverage"]) {
    it(`${mode}: every run starts at the root's end, then the healed phase; clean on the core, exit 0`, () => {
      const r = check(["--mode", mode, "--from", leftBehind, "--runs", "10", "--json"]);
      assert.equal(r.status, 0, r.stderr);
      const s = JSON.parse(r.stdout) as Summary & { liveness: string };
      assert.equal(s.verdict, "clean");
      assert.equal(s.liveness, "judged");
      assert.equal(s.from, leftBehind);
      assert.equal(s.prefixSteps, 38);
      assert.match(s.rerun, new RegExp(`--mode ${mode} --from ${leftBehind} --runs 10 `));
    });
  }

  it("with one timer firing allowed before the healed phase: clean (traces/fixed/liveness-checkpoint-k-ahead-*)",
    () => {
      // P2's resend may fire while P0 and P1 are stable at s1 only: it takes s1's state and holds their CHECKPOINT
      // s2, exactly K above what it executed. It stalled there until its resend timer asked them for s2's state.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "from-random-"));
      const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, leftBehind), "utf8")) as
        { config: { budgets: { timeouts: number } } };
      trace.config.budgets.timeouts = 1;
      const file = path.join(dir, "root.json");
      fs.writeFileSync(file, JSON.stringify(trace));
      const r = check(["--mode", "random", "--from", file, "--runs", "20", "--json", "--out", dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as Summary).verdict, "clean");
    });

  it("a failing run's trace is the root's steps then the run's, from the initial world, and replays", () => {
    // The root: commit-quorum-2f's counterexample less its last 6 steps (its config names the mutant, so the runs
    // step its patched build). Random runs from there must find a violation again, and its trace must start with
    // the root's steps and replay; if `--from` stops finding violations, this fails.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "from-random-"));
    const found = fs.readdirSync(path.join(repoRoot, "traces", "mutants"))
      .find((f) => f.startsWith("justified-committed-slots-commit-quorum-2f-"));
    assert.ok(found !== undefined, "traces/mutants/ holds commit-quorum-2f's trace");
    const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, "traces", "mutants", found), "utf8")) as
      { actions: unknown[]; fingerprints: unknown[]; violation: unknown };
    const cut = 6;
    const prefix = { ...trace, actions: trace.actions.slice(0, -cut), fingerprints: trace.fingerprints.slice(0, -cut),
      violation: null };
    const file = path.join(dir, "root.json");
    fs.writeFileSync(file, JSON.stringify(prefix));
    const r = check(["--mode", "random", "--from", file, "--runs", "20", "--json", "--out", dir]);
    assert.equal(r.status, 1, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.verdict, "violation");
    assert.equal(s.prefixSteps, prefix.actions.length);
    assert.equal(s.violations[0]?.invariant, "justified committed slots");
    assert.ok(s.trace !== null);
    const written = JSON.parse(fs.readFileSync(s.trace, "utf8")) as { actions: unknown[] };
    assert.ok(written.actions.length > prefix.actions.length);
    assert.deepEqual(written.actions.slice(0, prefix.actions.length), prefix.actions);
    const replay = spawnReplay([s.trace]);
    assert.equal(replay.status, 1, replay.stderr);
    assert.match(replay.stdout, /REPRODUCED: justified committed slots/);
  });
});
