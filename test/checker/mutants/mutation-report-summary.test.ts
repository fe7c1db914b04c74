/**
 * The summary of Stryker's JSON report: kills split by how the probe saw them, survivors listed, bad reports
 * refused.
 */
import assert from "node:assert/strict";
import { summarize, summaryText } from "../../../checker/mutants/mutation-report-summary.js";

const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 9 } });
const report = {
  schemaVersion: "2",
  files: {
    "impl/core/quorum.ts": {
      mutants: [
        { id: "1", mutatorName: "ArithmeticOperator", replacement: "n - 1", location: at(3), status: "Killed",
          statusReason: "VIOLATION I1\n"
            + "mutation-probe: honest-bfs: violation or vacuous (see the check's report above) (1 s)\n"
            + "mutation-probe: killed by honest-bfs (violation or vacuous (see the check's report above))\n" },
        { id: "2", mutatorName: "BlockStatement", replacement: "{}", location: at(5), status: "Killed",
          statusReason: "mutation-probe: honest-bfs: threw TypeError: x is undefined (0.1 s)\n"
            + "mutation-probe: killed by honest-bfs (threw TypeError: x is undefined)\n" },
        { id: "3", mutatorName: "EqualityOperator", replacement: "a <= b", location: at(7), status: "Killed",
          statusReason: "mutation-probe: incomplete by swarm (incomplete: a budget stopped the search)\n" },
        { id: "4", mutatorName: "ConditionalExpression", replacement: "true", location: at(9), status: "Survived" },
        { id: "5", mutatorName: "ConditionalExpression", replacement: "false", location: at(9), status: "Timeout" },
      ],
    },
  },
};

describe("mutation report-summary", () => {
  it("counts kills by verdict and by throw apart from budget stops and timeouts", () => {
    const s = summarize(report);
    assert.ok(s.ok);
    assert.equal(s.value.total, 5);
    assert.equal(s.value.killedByVerdict, 1);
    assert.equal(s.value.killedByThrow, 1);
    assert.equal(s.value.budgetStopped, 1);
    assert.equal(s.value.timedOut, 1);
    assert.deepEqual(s.value.survived.map((m) => `${m.file}:${m.line} ${m.replacement}`),
      ["impl/core/quorum.ts:9 true"]);
    const text = summaryText(s.value);
    assert.match(text, new RegExp("killed 2 \\(1 by a violation or lost witness, 1 by a throw\\), "
      + "survived 1, timed out 1, budget-stopped 1"));
    assert.match(text, /before triage: 66\.7%/);
  });

  it("refuses what is not a Stryker report with one line", () => {
    const s = summarize({ files: { "a.ts": {} } });
    assert.deepEqual(s, { ok: false, error: "not a Stryker JSON report: a.ts has no \"mutants\" list" });
    assert.equal(summarize([]).ok, false);
  });
});
