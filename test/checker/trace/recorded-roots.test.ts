/**
 * Every root under traces/roots/ is its script's replay (checker/trace/recorded-roots.ts): rebuilt here from the
 * script, it must equal the file byte for byte, so a change of the core or of the world's encoding that moves a root
 * fails here instead of leaving `--from` a stale prefix. `RECORD_ROOTS=1` rewrites the files; read the diff.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { documentText } from "../../../checker/engine/trace-document.js";
import { recordRoot, recordedRoots } from "../../../checker/trace/recorded-roots.js";
import { repoRoot } from "../../support/replay-cli.js";

const rootsDir = path.join(repoRoot, "traces", "roots");

describe("recorded roots (traces/roots/*.json from their scripts)", () => {
  for (const script of recordedRoots) {
    it(`${script.name}.json is its script's replay`, () => {
      const recorded = recordRoot(script);
      if (!recorded.ok) assert.fail(recorded.error);
      const file = path.join(rootsDir, `${script.name}.json`);
      const text = documentText(recorded.trace);
      if (process.env["RECORD_ROOTS"] === "1") fs.writeFileSync(file, text);
      assert.equal(fs.readFileSync(file, "utf8"), text, `${file} differs from its script: RECORD_ROOTS=1 rewrites it`);
    });
  }

  it("every file under traces/roots/ has a script", () => {
    const files = fs.readdirSync(rootsDir).filter((f) => f.endsWith(".json")).sort();
    assert.deepEqual(files, recordedRoots.map((s) => `${s.name}.json`).sort());
  });

  it("a step that is not enabled is a one-line error naming it", () => {
    const [first] = recordedRoots;
    assert.ok(first !== undefined);
    const broken = { ...first, steps: [...first.steps, { fire: "view-change" as const, node: 0 }] };
    const recorded = recordRoot(broken);
    assert.equal(recorded.ok, false);
    if (!recorded.ok) assert.equal(recorded.error, `${first.name}: step 7 (fire view-change at 0) is not enabled`);
  });
});
