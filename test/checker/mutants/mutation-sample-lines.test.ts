/** The sampled mutation pass's draw of impl/core lines: seeded, distinct, code lines only, Stryker's range syntax. */
import assert from "node:assert/strict";
import { mayHoldCode, mutateRanges, sampleLines } from "../../../checker/mutants/mutation-sample-lines.js";

const files = [
  { path: "impl/core/a.ts", text: "/** doc */\nimport x from \"y\";\n\nexport const a = 1 + 2;\n}\n  return a > 0;\n" },
  { path: "impl/core/b.ts", text: "// only a comment\nconst b = a === 1 ? 2 : 3;\n" },
];

describe("mutation sample-lines", () => {
  it("draws only lines that may hold code", () => {
    assert.deepEqual(sampleLines(files, 100, 1), [
      { path: "impl/core/a.ts", line: 4 }, { path: "impl/core/a.ts", line: 6 }, { path: "impl/core/b.ts", line: 2 },
    ]);
    assert.equal(mayHoldCode(" * a comment line"), false);
    assert.equal(mayHoldCode("  });"), false);
  });

  it("draws the same lines for the same seed, distinct and in file order", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `const v${i} = ${i};`).join("\n");
    const big = [{ path: "impl/core/c.ts", text: lines }];
    const one = sampleLines(big, 10, 7);
    assert.deepEqual(sampleLines(big, 10, 7), one);
    assert.equal(new Set(one.map((l) => l.line)).size, 10);
    assert.deepEqual(one.map((l) => l.line), [...one.map((l) => l.line)].sort((a, b) => a - b));
    assert.notDeepEqual(sampleLines(big, 10, 8), one);
  });

  it("writes one file:line-line range per drawn line", () => {
    assert.equal(mutateRanges([{ path: "impl/core/a.ts", line: 4 }, { path: "impl/core/b.ts", line: 2 }]),
      "impl/core/a.ts:4-4,impl/core/b.ts:2-2");
  });
});
