/**
 * The re-run line (checker/cli/rerun-command.ts) repeats what the run was held to: parsed back, it gives the same
 * config and the same `--expect`ed witnesses, so a vacuous re-run fails as the original would.
 */
import assert from "node:assert/strict";
import { checkConfigFromFlags, checkFlags, hoodDefault } from "../../../checker/cli/check-options.js";
import { parseFlags } from "../../../checker/cli/flags.js";
import { coverageRerunCommand, randomRerunCommand } from "../../../checker/cli/rerun-command.js";

function fromFlags(args: string[]) {
  const parsed = parseFlags(args, checkFlags);
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
  return checkConfigFromFlags(parsed.values);
}

/** The words of an `npm run check -- ...` line as a shell would split them (double quotes only). */
function argsOf(line: string): string[] {
  const tail = line.replace(/^npm run check -- /, "");
  return [...tail.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
}

const expected = ["a view change completes", "an honest participant decides abort"];

describe("re-run command", () => {
  it("repeats --expect for coverage and random runs, and parses back to the same run", () => {
    const base = ["--byzantine", "0", "--flags", "commit,abort", "--timeouts", "2", "--expect", expected.join(",")];
    for (const mode of ["coverage", "random"]) {
      const r = fromFlags(["--mode", mode, ...base]);
      assert.ok(r.ok, r.ok ? "" : r.error);
      const bounds = { runs: 3, steps: 4, seed: 5, swarm: true, liveness: "auto", expected: r.value.bounds.expected,
        hood: hoodDefault, hoodArchive: false };
      const line = mode === "coverage" ? coverageRerunCommand(r.value.config, bounds)
        : randomRerunCommand(r.value.config, bounds);
      assert.match(line, /--expect "a view change completes,an honest participant decides abort"/);
      const again = fromFlags(argsOf(line));
      assert.ok(again.ok, again.ok ? "" : again.error);
      assert.deepEqual(again.value.bounds.expected, expected);
      assert.deepEqual(again.value.config, r.value.config);
    }
  });

  it("repeats --corrupt, and the config it parses back to holds the corruptions", () => {
    const r = fromFlags(["--mode", "random", "--corrupt"]);
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.equal(r.value.config.corrupt, true);
    const line = randomRerunCommand(r.value.config, { runs: 1, steps: 1, seed: 1, swarm: false, liveness: "auto" });
    assert.match(line, / --corrupt /);
    const again = fromFlags(argsOf(line));
    assert.ok(again.ok);
    assert.deepEqual(again.value.config, r.value.config);
    const plain = fromFlags(["--mode", "random"]);
    assert.ok(plain.ok);
    assert.equal("corrupt" in plain.value.config, false, "a plain config is written as before: no corrupt key");
  });

  it("repeats --batch, and a config without it holds no batchSize (as before batching)", () => {
    const r = fromFlags(["--mode", "random", "--batch", "2", "--txns", "2"]);
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.equal(r.value.config.protocol.batchSize, 2);
    const line = randomRerunCommand(r.value.config, { runs: 1, steps: 1, seed: 1, swarm: false, liveness: "auto" });
    assert.match(line, / --batch 2 /);
    const again = fromFlags(argsOf(line));
    assert.ok(again.ok);
    assert.deepEqual(again.value.config, r.value.config);
    const plain = fromFlags(["--mode", "random"]);
    assert.ok(plain.ok);
    assert.equal("batchSize" in plain.value.config.protocol, false);
    const bad = fromFlags(["--batch", "0"]);
    assert.equal(bad.ok, false);
  });

  it("says nothing of --expect when the run expected nothing", () => {
    const r = fromFlags(["--mode", "random"]);
    assert.ok(r.ok);
    const line = randomRerunCommand(r.value.config, { runs: 1, steps: 1, seed: 1, swarm: false, liveness: "auto" });
    assert.doesNotMatch(line, /--expect/);
  });
});
