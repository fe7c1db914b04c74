/**
 * A mutant's patch against the core (checker/mutants/patch-file.ts, edit-patch.ts),
 * in a scratch repository: a stale patch fails in one line naming the mutant and
 * the file, and `--edit` then `--save` round-trips a patch through an edited copy.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { editDir, editPatch, savePatch } from "../../../checker/mutants/edit-patch.js";
import { patchedFiles, patchPath } from "../../../checker/mutants/patch-file.js";

const core = "export function quorum(f: number): number {\n  return 2 * f + 1;\n}\n";
const patch = "--- a/impl/core/quorum.ts\n+++ b/impl/core/quorum.ts\n@@ -1,3 +1,3 @@\n" +
  " export function quorum(f: number): number {\n-  return 2 * f + 1;\n+  return 2 * f;\n }\n";

/** A repository with one core file and one mutant's patch. */
function scratchRoot(patchText: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-patch-file-"));
  fs.mkdirSync(path.join(root, "impl", "core"), { recursive: true });
  fs.mkdirSync(path.join(root, "checker", "mutants"), { recursive: true });
  fs.writeFileSync(path.join(root, "impl", "core", "quorum.ts"), core);
  fs.writeFileSync(patchPath(root, "small-quorum"), patchText);
  return root;
}

describe("mutant patch files (checker/mutants/patch-file.ts)", () => {
  const roots: string[] = [];
  const root = (text: string): string => { const r = scratchRoot(text); roots.push(r); return r; };
  after(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

  it("gives the patched text of each file the patch touches", () => {
    const r = patchedFiles(root(patch), "small-quorum");
    if (!r.ok) assert.fail(r.error);
    assert.deepEqual([...r.value], [["impl/core/quorum.ts", core.replace("2 * f + 1", "2 * f")]]);
  });

  it("a stale patch is one line naming the mutant, the patch, the file and how to refresh it", () => {
    const dir = root(patch);
    fs.writeFileSync(path.join(dir, "impl", "core", "quorum.ts"), core.replace("2 * f + 1", "quorumOf(f)"));
    const r = patchedFiles(dir, "small-quorum");
    assert.deepEqual(r, { ok: false, error: "mutant small-quorum: checker/mutants/small-quorum.patch " +
      "no longer applies to impl/core/quorum.ts: hunk 1 (old line 1) no longer matches; " +
      "refresh it: npm run mutants -- --edit small-quorum, then --save small-quorum" });
  });

  it("refuses a patch outside impl/core, and a missing patch, in one line", () => {
    const outside = patchedFiles(root(patch.replaceAll("impl/core/quorum.ts", "impl/net/node.ts")), "small-quorum");
    assert.deepEqual(outside, { ok: false, error: "mutant small-quorum: checker/mutants/small-quorum.patch " +
      "changes impl/net/node.ts, outside impl/core/" });
    const missing = patchedFiles(root(patch), "no-such-mutant");
    assert.deepEqual(missing, { ok: false, error: "mutant no-such-mutant: " +
      "cannot read checker/mutants/no-such-mutant.patch: ENOENT" });
  });

  it("--edit lays out the patched core; an edit there, --save, and the new patch plants the edited rule", () => {
    const dir = root(patch);
    const said = editPatch(dir, "small-quorum");
    assert.match(said, /^laid out the patched core in scratch\/mutants\/small-quorum\/impl\/core\//);
    const edited = path.join(dir, editDir("small-quorum"), "impl", "core", "quorum.ts");
    assert.equal(fs.readFileSync(edited, "utf8"), core.replace("2 * f + 1", "2 * f"));
    fs.writeFileSync(edited, core.replace("2 * f + 1", "f + 1"));
    const saved = savePatch(dir, "small-quorum");
    assert.deepEqual(saved, { ok: true, value: path.join("checker", "mutants", "small-quorum.patch") });
    const r = patchedFiles(dir, "small-quorum");
    if (!r.ok) assert.fail(r.error);
    assert.equal(r.value.get("impl/core/quorum.ts"), core.replace("2 * f + 1", "f + 1"));
    const written = fs.readFileSync(patchPath(dir, "small-quorum"), "utf8");
    assert.match(written, /^Mutant small-quorum: .*\nRefresh: npm run mutants -- --edit small-quorum\n/);
  });

  it("--save refuses an edited copy that equals the core: nothing to save", () => {
    const dir = root(patch);
    editPatch(dir, "small-quorum");
    fs.writeFileSync(path.join(dir, editDir("small-quorum"), "impl", "core", "quorum.ts"), core);
    const saved = savePatch(dir, "small-quorum");
    assert.deepEqual(saved, { ok: false, error: "mutant small-quorum: " +
      "scratch/mutants/small-quorum/impl/core/ does not differ from impl/core/: nothing to save" });
  });
});
