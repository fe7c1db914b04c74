/** --junit and GitHub Actions annotations, as the pure renderers produce them and as `npm run check` writes them. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { actionsAnnotations, escapeData, escapeProperty } from "../../../checker/cli/actions-annotations.js";
import type { GateSummary } from "../../../checker/cli/gate-summary.js";
import { escapeXml, junitXml } from "../../../checker/cli/junit-report.js";
import { safetyInvariants, sometimesProperties } from "../../../spec/invariants/index.js";
import { repoRoot } from "../../support/replay-cli.js";

const allReached = Object.fromEntries(sometimesProperties.map((p) => [p.name, true]));
/** One case per safety invariant and per sometimes property, plus the search's completion. */
const caseCount = safetyInvariants.length + sometimesProperties.length + 1;
const clean: GateSummary = {
  mode: "bfs", verdict: "clean", violations: [], sometimes: allReached, trace: null, elapsedMs: 1500,
};
const violated: GateSummary = {
  ...clean, verdict: "violation", trace: "traces/bfs-agreement.json",
  violations: [{ invariant: "agreement", message: "P0 decided <commit>, P1 decided abort & more" }],
};

const testcases = (xml: string) =>
  [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]}/${m[2]}`);

describe("--junit report", () => {
  it("has one test case per safety invariant and per sometimes property, plus the search's completion", () => {
    const names = testcases(junitXml(clean, "suite"));
    assert.equal(names.length, safetyInvariants.length + sometimesProperties.length + 1);
    for (const inv of safetyInvariants) assert.ok(names.includes(`invariants/${escapeXml(`${inv.id} ${inv.name}`)}`));
    for (const p of sometimesProperties) assert.ok(names.includes(`sometimes/${escapeXml(`${p.id} ${p.name}`)}`));
    assert.match(junitXml(clean, "suite"), new RegExp(`tests="${caseCount}" failures="0" skipped="0" time="1.500"`));
  });

  it("fails the violated invariant with its message, the trace path and the replay command, escaped", () => {
    const xml = junitXml(violated, "suite");
    assert.match(xml, /failures="1"/);
    const failure = new RegExp('<testcase classname="invariants" name="I1 agreement" time="0">\n\\s*' +
      '<failure message="([^"]*)" type="violation">([^<]*)</failure>').exec(xml);
    assert.ok(failure !== null, xml);
    assert.equal(failure[1], "agreement: P0 decided &lt;commit&gt;, P1 decided abort &amp; more");
    assert.match(failure[2] ?? "", /trace: traces\/bfs-agreement.json\nreplay it: npm run replay -- traces\//);
  });

  it("fails a vacuous run on the required witness, skips unreached properties, fails an incomplete search", () => {
    const none = Object.fromEntries(sometimesProperties.map((p) => [p.name, false]));
    const xml = junitXml({ ...clean, verdict: "incomplete", stopReason: "time", sometimes: none }, "s");
    assert.match(xml, /name="S1 an honest participant decides" time="0">\n\s*<failure message="not reached: /);
    assert.equal((xml.match(/<skipped /g) ?? []).length, sometimesProperties.length - 1);
    assert.match(xml, /name="the search completed within its bounds" time="0">\n\s*<failure message="incomplete /);
  });

  it("escapes what XML cannot carry", () => {
    assert.equal(escapeXml(`a<b>&"c'\u0001`), "a&lt;b&gt;&amp;&quot;c&apos; ");
  });
});

describe("GitHub Actions annotations", () => {
  it("puts an error on the trace file per violation, with the replay command", () => {
    const lines = actionsAnnotations(violated, "check bfs");
    assert.deepEqual(lines, [
      "::error file=traces/bfs-agreement.json,title=byzcommit%3A agreement violated::" +
        "check bfs: P0 decided <commit>, P1 decided abort & more" +
        "%0Areplay it: npm run replay -- traces/bfs-agreement.json",
    ]);
  });

  it("warns on an incomplete search, errs on a vacuous one, notes what was not reached, is silent when clean", () => {
    const first = (s: GateSummary): string => actionsAnnotations(s, "x")[0] ?? "";
    assert.deepEqual(actionsAnnotations(clean, "x"), []);
    const incomplete = first({ ...clean, verdict: "incomplete", stopReason: "time" });
    assert.match(incomplete, /^::warning title=byzcommit%3A incomplete::x: stopped by its time bound/);
    assert.match(first({ ...clean, verdict: "vacuous" }), /^::error title=byzcommit%3A vacuous run::/);
    assert.match(first({ ...clean, sometimes: { ...allReached, "a view change completes": false } }),
      /^::notice title=byzcommit%3A not reached::x: "a view change completes" not reached$/);
  });

  it("escapes messages and properties as the runner decodes them", () => {
    assert.equal(escapeData("50%\r\nnext"), "50%25%0D%0Anext");
    assert.equal(escapeProperty("a:b,c%"), "a%3Ab%2Cc%25");
  });
});

describe("npm run check -- --junit and GITHUB_ACTIONS", () => {
  const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));
  const mergeMain = fileURLToPath(new URL("../../../checker/cli/merge-results-main.js", import.meta.url));
  const run = (main: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [main, ...args],
      { cwd: repoRoot, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });

  it("writes the JUnit file and annotations on stderr beside --json; merge-results folds two shards", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-ci-"));
    const files: string[] = [];
    for (const i of [1, 2]) {
      const junit = path.join(dir, `shard-${i}.xml`);
      const args = ["--depth", "5", "--shard", `${i}/2`, "--json", "--junit", junit];
      const r = run(checkMain, args, { GITHUB_ACTIONS: "true" });
      // Depth 5 decides nothing: vacuous, exit 1, and the annotation says so.
      assert.equal(r.status, 1, r.stderr);
      const s = JSON.parse(r.stdout) as { shard: string; splitDepth: number; verdict: string };
      assert.deepEqual([s.shard, s.splitDepth, s.verdict], [`${i}/2`, 4, "vacuous"]);
      const name = "byzcommit check bfs n=4 f=1 byzantine=\\[P3\\] coordinator=honest shard \\d/2";
      assert.match(r.stderr, new RegExp(`^::error title=byzcommit%3A vacuous run::${name}`, "m"));
      assert.match(fs.readFileSync(junit, "utf8"),
        new RegExp(`<testsuite name="${name}" tests="${caseCount}" failures="1"`));
      files.push(path.join(dir, `shard-${i}.json`));
      fs.writeFileSync(files[files.length - 1] as string, r.stdout);
    }
    const merged = run(mergeMain, ["--json", ...files]);
    assert.equal(merged.status, 1, merged.stderr);
    assert.equal((JSON.parse(merged.stdout) as { verdict: string }).verdict, "vacuous");
    const one = run(mergeMain, [files[0] as string]);
    assert.equal(one.status, 3);
    assert.match(one.stdout, /INCOMPLETE: missing shard 2\/2/);
  });

  it("rejects a bad --shard and a bad summary file with one line and exit 2", () => {
    const r = run(checkMain, ["--shard", "3/2"]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "check: --shard: i must be in 1..2, got 3\n");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-ci-"));
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{\"mode\":\"bfs\"\n");
    const m = run(mergeMain, [bad]);
    assert.equal(m.status, 2);
    assert.equal(m.stderr, `merge-results: ${bad}:1: not JSON (expected a summary of npm run check -- --json)\n`);
  });
});
