/**
 * The mutation probe (cli/mutation-probe.ts): clean on the unmutated core, so that under Stryker any other
 * verdict is the checker noticing the mutant; and a real kill through the check command, with a catalog
 * mutant (checker/mutants/) standing in for one of Stryker's.
 */
import assert from "node:assert/strict";
import { runProbe } from "../../../checker/cli/mutation-probe.js";
import { probeConfigs } from "../../../checker/mutants/mutation-probe-configs.js";

describe("mutation probe", function () {
  this.timeout(300_000);

  it("finds every probe search clean on the unmutated core", async () => {
    const result = await runProbe(probeConfigs, true);
    assert.deepEqual(result.verdicts.map((v) => `${v.name}: ${v.reason}`), probeConfigs.map((c) => `${c.name}: clean`));
    assert.equal(result.outcome, "survived");
  });

  it("calls a core that executes out of order killed, and stops at that search", async () => {
    const honest = probeConfigs[0];
    assert.ok(honest !== undefined);
    const broken = { ...honest, args: [...honest.args, "--mutant", "execute-out-of-order"] };
    const result = await runProbe([broken, ...probeConfigs.slice(1)], false);
    assert.equal(result.outcome, "killed");
    assert.deepEqual(result.verdicts.map((v) => v.exitCode), [1]);
  });

  it("refuses a search whose arguments the check command rejects", async () => {
    await assert.rejects(runProbe([{ name: "bad", why: "", args: ["--depth", "x"] }], false),
      /probe config "bad": bad usage/);
  });
});
